// Shows similar insights while the summary is typed. Without JavaScript the form's "Check for similar insights"
// button shows the same list, so this only saves a click.
/* global document, fetch, setTimeout, clearTimeout */
(function () {
  const summary = document.getElementById('summary');
  const region = document.getElementById('similar-insights');
  if (!summary || !region) return;
  let timer;
  let latest = 0;
  summary.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const asked = ++latest;
      try {
        const response = await fetch(`/insights/similar?summary=${encodeURIComponent(summary.value)}`, { credentials: 'same-origin' });
        // A signed-out session redirects to the sign-in page, which does not belong in the form.
        if (response.ok && !response.redirected && asked === latest) region.innerHTML = await response.text();
      } catch {
        // Offline or refused: the button still works.
      }
    }, 300);
  });
})();
