/*
 * A checklist form is never sent anywhere: pressing Enter in one of its text boxes must not
 * reload the page. One listener on the document covers every page, including those reached by
 * instant navigation, with no inline handler (the site's Content-Security-Policy forbids them).
 */
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form instanceof HTMLFormElement && form.classList.contains("mh-checklist")) event.preventDefault();
}, true);
