/* Lanyard gallery: opens a day's photos in PhotoSwipe (keyboard, swipe, zoom) with their
 * captions. A classic script, loaded after PhotoSwipe's UMD builds, so it works from file://
 * and under a CSP without inline script. Without it every photo and caption still shows and
 * each thumbnail links to its large image. */
(function () {
  "use strict";

  if (typeof PhotoSwipeLightbox !== "function" || typeof PhotoSwipe !== "function") {
    return;
  }

  // One lightbox over the whole day: a day with an agenda has a grid per session and per run
  // of photos between sessions, and arrows move through all of them in page order.
  var lightbox = new PhotoSwipeLightbox({
    gallery: "main",
    children: "a.photo",
    pswpModule: PhotoSwipe,
    bgOpacity: 0.94,
    showHideAnimationType: window.matchMedia("(prefers-reduced-motion: reduce)").matches
      ? "none"
      : "zoom",
    // Room under the image for its caption on wide screens; phones use the whole screen.
    paddingFn: function (viewport) {
      return viewport.x < 640
        ? { top: 0, bottom: 0, left: 0, right: 0 }
        : { top: 24, bottom: 88, left: 56, right: 56 };
    },
  });

  // Tiles show the whole photo inside a fixed frame (object-fit: contain), so the zoom
  // animation starts from the photo's own box, not the frame's.
  lightbox.addFilter("thumbBounds", function (bounds, itemData) {
    var img = itemData.element && itemData.element.querySelector("img");
    var width = itemData.width || itemData.w;
    var height = itemData.height || itemData.h;
    if (!img || !width || !height) {
      return bounds;
    }
    var frame = img.getBoundingClientRect();
    var scale = Math.min(frame.width / width, frame.height / height);
    return {
      x: frame.left + (frame.width - width * scale) / 2,
      y: frame.top + (frame.height - height * scale) / 2,
      w: width * scale,
    };
  });

  lightbox.on("uiRegister", function () {
    lightbox.pswp.ui.registerElement({
      name: "caption",
      order: 9,
      isButton: false,
      appendTo: "root",
      onInit: function (el, pswp) {
        el.setAttribute("aria-live", "polite");
        // By index, not `pswp.currSlide`: right after a move the new slide may not exist yet.
        pswp.on("change", function () {
          showCaption(el, pswp.getItemData(pswp.currIndex).element);
        });
      },
    });
  });

  // Copies the page's own caption nodes: they were escaped when the page was written, and
  // cloning parsed nodes never turns text back into markup.
  function showCaption(el, link) {
    var figure = link && link.closest("figure");
    var caption = figure && figure.querySelector("figcaption");
    el.replaceChildren();
    if (caption) {
      caption.childNodes.forEach(function (node) {
        el.appendChild(node.cloneNode(true));
      });
    }
    el.hidden = !caption;
  }

  lightbox.init();
})();
