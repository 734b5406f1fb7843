/* Registration form: what each channel and subject needs, issue rows, the file drop zone, earlier
   applicants, Ctrl+Enter. No libraries; the form works without this file, and the server checks all. */
(function () {
  "use strict";

  function words(value) {
    return (value || "").split(" ").filter(Boolean);
  }

  function channelGroup(form) {
    var select = form.elements.channel;
    var option = select && select.options[select.selectedIndex];
    return option ? option.getAttribute("data-group") || "" : "";
  }

  function subject(form) {
    var checked = form.querySelector("input[name=subject]:checked");
    return checked ? checked.value : "";
  }

  /* Show the inputs the chosen channel and subject need, and mark what they require. */
  function adapt(form) {
    var group = channelGroup(form);
    var who = subject(form);
    form.querySelectorAll("[data-show-groups]").forEach(function (el) {
      el.hidden = words(el.getAttribute("data-show-groups")).indexOf(group) < 0;
    });
    form.querySelectorAll("[data-show-subjects]").forEach(function (el) {
      el.hidden = words(el.getAttribute("data-show-subjects")).indexOf(who) < 0;
    });
    form.querySelectorAll("[data-required-groups]").forEach(function (mark) {
      var required = who !== "anonymous" && words(mark.getAttribute("data-required-groups")).indexOf(group) >= 0;
      mark.hidden = !required;
      requireInput(mark, required);
    });
    form.querySelectorAll("[data-required-unless]").forEach(function (mark) {
      var required = who !== mark.getAttribute("data-required-unless");
      mark.hidden = !required;
      requireInput(mark, required);
    });
  }

  function requireInput(mark, required) {
    var label = mark.closest("label");
    var input = label && document.getElementById(label.htmlFor);
    if (!input) return;
    if (required) input.setAttribute("aria-required", "true");
    else input.removeAttribute("aria-required");
  }

  /* Issue rows: blank extra rows wait hidden; "Add another issue" shows one, or adds a new one. */
  function setUpIssues(form) {
    var rows = document.getElementById("issue-rows");
    var button = form.querySelector("[data-add-issue]");
    var template = document.getElementById("issue-template");
    var total = form.querySelector("input[name=issues-TOTAL_FORMS]");
    var max = form.querySelector("input[name=issues-MAX_NUM_FORMS]");
    if (!rows || !button || !template || !total) return;
    rows.querySelectorAll("[data-issue-row]").forEach(function (row, index) {
      var blank = Array.prototype.every.call(row.querySelectorAll("select, textarea"), function (input) {
        return !input.value;
      });
      if (index > 0 && blank && !row.querySelector(".field-error")) row.hidden = true;
    });
    button.hidden = false;
    button.addEventListener("click", function () {
      var row = rows.querySelector("[data-issue-row][hidden]");
      if (!row) {
        var index = parseInt(total.value, 10);
        if (max && index >= parseInt(max.value, 10)) return;
        var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__num__/g, String(index + 1));
        rows.insertAdjacentHTML("beforeend", html);
        total.value = String(index + 1);
        row = rows.lastElementChild;
      }
      row.hidden = false;
      var topic = row.querySelector("select");
      if (topic) topic.focus();
    });
  }

  /* The drop zone is the file input's own field: dropping adds the files to the input. */
  function setUpDropZone(form) {
    var zone = form.querySelector("[data-dropzone]");
    var input = zone && zone.querySelector("input[type=file]");
    if (!input) return;
    var list = document.createElement("ul");
    list.className = "dropzone-files";
    list.setAttribute("aria-live", "polite");
    zone.appendChild(list);
    function show() {
      list.innerHTML = "";
      Array.prototype.forEach.call(input.files, function (file) {
        var item = document.createElement("li");
        item.textContent = file.name + " (" + Math.ceil(file.size / 1024) + " KB)";
        list.appendChild(item);
      });
    }
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("is-over");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () {
        zone.classList.remove("is-over");
      });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      var all = new DataTransfer();
      Array.prototype.forEach.call(input.files, function (file) { all.items.add(file); });
      Array.prototype.forEach.call(event.dataTransfer.files, function (file) { all.items.add(file); });
      input.files = all.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    input.addEventListener("change", show);
  }

  /* Choosing an earlier applicant fills the applicant's inputs and moves on to the issues. */
  function useApplicant(form, button) {
    var data = button.dataset;
    var values = {
      name: data.name, address: data.address, phone: data.phone, email: data.email,
      sex: data.sex, social_status: data.socialStatus
    };
    Object.keys(values).forEach(function (name) {
      var input = form.elements[name];
      if (input) input.value = values[name] || "";
    });
    var chosen = words(data.categories);
    form.querySelectorAll("input[name=categories]").forEach(function (box) {
      box.checked = chosen.indexOf(box.value) >= 0;
    });
    var details = form.querySelector("details.categories");
    if (details && chosen.length) details.open = true;
    var matches = document.getElementById("applicant-matches");
    if (matches) matches.innerHTML = "";
    form.elements.name.dispatchEvent(new Event("change", { bubbles: true }));
    var next = Array.prototype.find.call(form.querySelectorAll("[data-issue-row] select"), function (s) {
      return !s.value && !s.closest("[hidden]");
    });
    (next || form.elements.summary).focus();
  }

  function setUp(form) {
    adapt(form);
    // A form shown again with errors: start at the first input to correct, not at the channel.
    var invalid = form.querySelector("[aria-invalid=true]");
    if (invalid) invalid.focus();
    form.addEventListener("change", function (event) {
      if (event.target.name === "channel" || event.target.name === "subject") adapt(form);
    });
    setUpIssues(form);
    setUpDropZone(form);
    document.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-applicant]");
      if (button) useApplicant(form, button);
    });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("register-form");
    if (form) setUp(form);
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  });
})();
