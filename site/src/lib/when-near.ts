/**
 * Runs `start` once `element` comes within 200 px of the screen, or at once where the browser
 * has no IntersectionObserver. For live checks below the fold (a donation's or a notice's
 * ledger check): their fetches, hashing and redraw were most of those pages' blocking time on
 * a slow phone (Lighthouse), for a result a reader who never scrolls there does not see.
 */
export function whenNear(element: Element, start: () => void): void {
  if (!("IntersectionObserver" in window)) return start();
  const observer = new IntersectionObserver(
    (seen) => {
      if (!seen.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      start();
    },
    { rootMargin: "200px 0px" },
  );
  observer.observe(element);
}
