//! Reading what a photo file says about itself: format, pixel size, EXIF time, place and orientation, and dates in file names.
