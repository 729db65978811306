/* The address of the flite voice's one function, never called. It makes the linker keep the
 * voice library, which build.rs names first on the link line, so that the voice is the first
 * library the app needs (see build.rs). `retain`: kept though nothing refers to it. */
struct cst_voice;
extern struct cst_voice *register_cmu_time_awb(const char *voxdir);
__attribute__((used, retain)) struct cst_voice *(*const lanyard_voice_first)(const char *) =
    register_cmu_time_awb;
