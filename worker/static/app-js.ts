// The pages' only script, served as /static/app.js (CSP script-src 'self'). It adds upload
// progress to forms marked data-upload; without it the same form posts normally and the
// server answers with the same page. Texts come from the form's data-* attributes. A button
// marked data-copy (hidden until this script shows it) copies the field it names, saying so in
// its data-status element.
export const APP_JS = `"use strict";
(function () {
  function copyButtons() {
    var buttons = document.querySelectorAll("button[data-copy]");
    for (var i = 0; i < buttons.length; i++) buttons[i].hidden = false;
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", copyButtons);
  else copyButtons();
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("button[data-copy]") : null;
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById(button.getAttribute("data-status"));
    if (!field) return;
    function said(ok) {
      if (status) status.textContent = button.getAttribute(ok ? "data-copied" : "data-copy-failed");
    }
    function fallback() {
      field.focus();
      field.select();
      var ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      said(ok);
    }
    if (navigator.clipboard && navigator.clipboard.writeText)
      navigator.clipboard.writeText(field.value).then(function () {
        said(true);
      }, fallback);
    else fallback();
  });
})();
(function () {
  if (!window.XMLHttpRequest || !window.FormData || !window.DOMParser) return;

  function say(form, text) {
    var status = document.getElementById(form.getAttribute("data-status"));
    if (status) status.textContent = text;
  }

  // Puts the server's answer (a whole page) in place of this page's main content; an answer
  // from another page (say, the sign-in page after the session ended) is navigated to instead.
  function show(html, url, postedTo) {
    if (url && url !== postedTo && new URL(url).pathname !== location.pathname) {
      location.assign(url);
      return true;
    }
    var doc = new DOMParser().parseFromString(html, "text/html");
    var next = doc.getElementById("main");
    var main = document.getElementById("main");
    if (!next || !main) return false;
    main.replaceWith(document.adoptNode(next));
    document.title = doc.title;
    if (url && url !== postedTo) history.replaceState(null, "", url);
    var focus = document.querySelector("[data-focus]") || document.getElementById("main");
    focus.focus();
    return true;
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-upload")) return;
    event.preventDefault();
    var bar = document.getElementById(form.getAttribute("data-progress"));
    var button = form.querySelector("button[type=submit]");
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "text/html");
    xhr.upload.addEventListener("progress", function (e) {
      if (!e.lengthComputable) return;
      var p = Math.round((e.loaded / e.total) * 100);
      if (bar) bar.value = p;
      say(form, form.getAttribute("data-msg-progress").replace("{p}", String(p)));
    });
    xhr.upload.addEventListener("load", function () {
      if (bar) bar.value = 100;
      say(form, form.getAttribute("data-msg-uploaded"));
    });
    function failed() {
      if (button) button.disabled = false;
      form.removeAttribute("aria-busy");
      say(form, form.getAttribute("data-msg-failed"));
    }
    xhr.addEventListener("load", function () {
      if (!show(xhr.responseText, xhr.responseURL, form.action)) failed();
    });
    xhr.addEventListener("error", failed);
    if (bar) {
      bar.hidden = false;
      bar.value = 0;
    }
    if (button) button.disabled = true;
    form.setAttribute("aria-busy", "true");
    say(form, form.getAttribute("data-msg-progress").replace("{p}", "0"));
    xhr.send(new FormData(form));
  });
})();
`;
