// The sandbox's xs2a.js: the page-facing surface of the real widget (`[data-xs2a]` container,
// useBaseStyles, lang, finish, abort, init) plus the sandbox extension `error(cb)`. Plain DOM, no
// framework, talking to POST <origin>/jsonp where <origin> comes from the script's own src.

export const XS2A_JS = String.raw`/* XS2A sandbox widget (Saldo) */
(function () {
  "use strict";
  var script = document.currentScript;
  function originOf() {
    var src = script && script.src;
    if (!src) {
      var found = document.querySelector('script[src*="xs2a.js"]');
      src = found && found.src;
    }
    try { return new URL(src, location.href).origin; } catch (e) { return location.origin; }
  }
  var ORIGIN = originOf();
  var TEXT = {
    de: { next: "Weiter", back: "Zurück", cancel: "Abbrechen", finished: "Die Verbindung zu Ihrer Bank wurde erfolgreich hergestellt.",
      aborted: "Der Vorgang wurde abgebrochen.", waiting: "Warte auf Freigabe …", loading: "Wird geladen …", retry: "Erneut versuchen",
      network: "Die Verbindung zum Server ist fehlgeschlagen.", fatal: "Der Vorgang kann nicht fortgesetzt werden.",
      titles: { bank: "Bank auswählen", login: "Anmeldung", tan: "TAN-Eingabe", app: "Freigabe in der Banking-App", accounts: "Kontoauswahl" } },
    en: { next: "Continue", back: "Back", cancel: "Cancel", finished: "Your bank has been connected successfully.",
      aborted: "The process was aborted.", waiting: "Waiting for approval …", loading: "Loading …", retry: "Try again",
      network: "Could not reach the server.", fatal: "The process cannot be continued.",
      titles: { bank: "Choose your bank", login: "Log in", tan: "Enter TAN", app: "Approve in your banking app", accounts: "Account selection" } }
  };
  var cfg = { lang: "de", onFinish: null, onAbort: null, onError: null };
  var root = null, key = null, renders = 0, pollTimer = null, done = false;

  function t() { return TEXT[cfg.lang] || TEXT.en; }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v;
      else if (k === "on") for (var ev in v) node.addEventListener(ev, v[ev]);
      else if (v === true) node.setAttribute(k, "");
      else node.setAttribute(k, String(v));
    }
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function fire(cb, arg) {
    if (typeof cb === "function") { try { cb(arg); } catch (e) { setTimeout(function () { throw e; }); } }
  }

  function send(payload) {
    if (done) return;
    if (pollTimer) { clearTimeout(pollTimer); pollTimer = null; }
    root.setAttribute("aria-busy", "true");
    var body = Object.assign({ key: key, language: cfg.lang }, payload);
    fetch(ORIGIN + "/jsonp", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
      .then(function (res) {
        return res.json().then(function (data) { return { ok: res.ok, status: res.status, data: data }; });
      })
      .then(function (r) {
        root.removeAttribute("aria-busy");
        if (!r.ok) return fatal(r.data && r.data.message ? r.data.message : t().fatal, r.status === 404 ? "session_not_found" : "tech_error");
        render(r.data);
      })
      .catch(function (err) {
        root.removeAttribute("aria-busy");
        var info = { errorCode: "network_error", message: t().network, recoverable: true };
        fire(cfg.onError, info);
        show([el("p", { class: "xs2a-error", role: "status", "aria-live": "polite", tabindex: "-1", text: info.message }),
          el("button", { type: "button", class: "xs2a-button", text: t().retry, on: { click: function () { send({}); } } })]);
      });
  }

  function show(nodes) {
    root.innerHTML = "";
    nodes.forEach(function (n) { root.appendChild(n); });
  }

  function fatal(message, code) {
    fire(cfg.onError, { errorCode: code, message: message, recoverable: false });
    done = true;
    show([el("p", { class: "xs2a-error", role: "status", "aria-live": "assertive", tabindex: "-1", text: message })]);
    root.firstChild.focus();
  }

  function render(data) {
    var error = data.error && !Array.isArray(data.error) ? data.error : null;
    if (data.callback === "finish") {
      done = true;
      show([el("p", { class: "xs2a-success", role: "status", "aria-live": "polite", tabindex: "-1", text: t().finished })]);
      root.firstChild.focus();
      fire(cfg.onFinish, data.callbackParams && data.callbackParams.length ? data.callbackParams[0] : undefined);
      return;
    }
    if (data.callback === "abort") {
      done = true;
      show([el("p", { class: "xs2a-info", role: "status", "aria-live": "polite", text: t().aborted })]);
      fire(cfg.onAbort);
      return;
    }
    if (error && !error.recoverable) {
      fire(cfg.onError, { errorCode: data.errorCode || "tech_error", message: error.message, recoverable: false });
      done = true;
      show([el("p", { class: "xs2a-error", role: "status", "aria-live": "assertive", tabindex: "-1", text: error.message })]);
      root.firstChild.focus();
      return;
    }
    if (error) fire(cfg.onError, { errorCode: data.errorCode || "error", message: error.message, recoverable: true });
    renderForm(data.form, error, data.polling && data.polling.interval);
  }

  function renderForm(form, error, pollInterval) {
    var id = function (name) { return "xs2a-" + form.name + "-" + name; };
    var elements = form.elements || [];
    var titleText = t().titles[form.name] || form.name;
    var fields = [];
    var title = el("h2", { class: "xs2a-title", id: "xs2a-title", tabindex: "-1", text: titleText });
    var errorBox = el("p", { class: "xs2a-error", id: "xs2a-error", role: "status", "aria-live": "polite", tabindex: "-1", text: error ? error.message : "" });
    if (!error) errorBox.hidden = true;
    var body = [];
    elements.forEach(function (e) {
      var errId = id(e.name) + "-error";
      var errNode = e.validation_error ? el("p", { class: "xs2a-field-error", id: errId, text: e.validation_error }) : null;
      var describedBy = errNode ? errId : null;
      var required = typeof e.validation === "string" && e.validation.indexOf("required") >= 0;
      if (e.type === "help_text") {
        body.push(el("div", { class: "xs2a-help" }, [e.title ? el("p", { class: "xs2a-help-title", text: e.title }) : null, el("p", { text: e.text })]));
      } else if (e.type === "text" || e.type === "password") {
        var input = el("input", { id: id(e.name), name: e.name, type: e.type, value: e.value || "", required: required,
          autocomplete: e.type === "password" ? "current-password" : (e.name === "USER_NAME" ? "username" : "off"),
          "aria-invalid": e.invalid ? "true" : null, "aria-describedby": describedBy });
        fields.push({ e: e, node: input });
        body.push(el("div", { class: "xs2a-field" }, [el("label", { for: id(e.name), text: e.label }), input, errNode]));
      } else if (e.type === "select") {
        var select = el("select", { id: id(e.name), name: e.name, required: required, "aria-invalid": e.invalid ? "true" : null, "aria-describedby": describedBy },
          Object.keys(e.options || {}).map(function (k) { return el("option", { value: k, selected: k === e.selected, text: e.options[k] }); }));
        fields.push({ e: e, node: select });
        body.push(el("div", { class: "xs2a-field" }, [el("label", { for: id(e.name), text: e.label }), select, errNode]));
      } else if (e.type === "checkbox") {
        var box = el("input", { id: id(e.name), name: e.name, type: "checkbox", checked: !!e.checked, required: required,
          "aria-invalid": e.invalid ? "true" : null, "aria-describedby": describedBy });
        fields.push({ e: e, node: box });
        body.push(el("div", { class: "xs2a-field xs2a-checkbox" }, [box, el("label", { for: id(e.name), text: e.label }), errNode]));
      } else if (e.type === "radio") {
        var radios = (e.options || []).map(function (o, i) {
          var r = el("input", { id: id(e.name) + "-" + i, name: e.name, type: "radio", value: String(i), checked: i === e.checked, disabled: !!o.disabled });
          return { input: r, row: el("div", { class: "xs2a-radio" }, [r, el("label", { for: id(e.name) + "-" + i, text: o.label })]) };
        });
        fields.push({ e: e, radios: radios });
        body.push(el("fieldset", { class: "xs2a-field", "aria-describedby": describedBy }, [el("legend", { text: e.label })]
          .concat(radios.map(function (r) { return r.row; })).concat([errNode])));
      }
    });
    var buttons = [];
    var polling = !!pollInterval;
    if (!polling) buttons.push(el("button", { type: "submit", class: "xs2a-button xs2a-primary", text: t().next }));
    if (form.name !== "bank") buttons.push(el("button", { type: "button", class: "xs2a-button", text: t().back, on: { click: function () { send({ action: "back" }); } } }));
    buttons.push(el("button", { type: "button", class: "xs2a-button xs2a-cancel", text: t().cancel, on: { click: function () { send({ action: "abort" }); } } }));
    if (polling) body.push(el("p", { class: "xs2a-info", role: "status", "aria-live": "polite", text: t().waiting }));
    var formNode = el("form", { class: "xs2a-form", "data-step": form.name, "aria-labelledby": "xs2a-title", novalidate: true,
      on: { submit: function (ev) {
        ev.preventDefault();
        var values = {};
        fields.forEach(function (f) {
          if (f.radios) f.radios.forEach(function (r, i) { if (r.input.checked) values[f.e.name] = i; });
          else if (f.e.type === "checkbox") values[f.e.name] = f.node.checked;
          else values[f.e.name] = f.node.value;
        });
        send(values);
      } } },
      [title, errorBox].concat(body).concat([el("div", { class: "xs2a-actions" }, buttons)]));
    show([formNode]);
    if (polling) pollTimer = setTimeout(function () { send({ action: "poll" }); }, pollInterval);
    // Focus: the first invalid field, else the error, else (after the first form) the first input.
    if (renders++ > 0) {
      var target = formNode.querySelector('[aria-invalid="true"]') || (error ? errorBox : null) ||
        formNode.querySelector("input:not([type=hidden]), select") || title;
      target.focus();
    }
  }

  window.xs2a = {
    useBaseStyles: function () {
      if (document.querySelector('link[data-xs2a-styles]')) return;
      document.head.appendChild(el("link", { rel: "stylesheet", href: ORIGIN + "/xs2a.css", "data-xs2a-styles": "true" }));
    },
    lang: function (l) { cfg.lang = String(l || "de").toLowerCase(); },
    finish: function (cb) { cfg.onFinish = cb; },
    abort: function (cb) { cfg.onAbort = cb; },
    /** Sandbox extension: called with {errorCode, message, recoverable} for every session error. */
    error: function (cb) { cfg.onError = cb; },
    init: function () {
      root = document.querySelector("[data-xs2a]");
      if (!root) throw new Error("xs2a: no element with a data-xs2a attribute");
      key = root.getAttribute("data-xs2a");
      done = false;
      renders = 0;
      root.classList.add("xs2a-root");
      show([el("p", { class: "xs2a-info", role: "status", "aria-live": "polite", text: t().loading })]);
      send({});
    }
  };
})();
`;
