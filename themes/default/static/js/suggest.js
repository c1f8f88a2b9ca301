/* Search suggestions as you type: an ARIA 1.2 combobox with a listbox popup.
   Arrow keys move through the suggestions, Enter opens one, Escape closes the list.
   Without JavaScript the search box still works as a plain form. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-suggest-url]");
  if (!form) { return; }
  var input = form.querySelector("[role=combobox]");
  var list = form.querySelector("[role=listbox]");
  var status = form.querySelector("[data-suggest-status]");
  var url = form.getAttribute("data-suggest-url");
  var timer = null, active = -1, items = [], lastQuery = "";

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function announce(count) {
    var text = count === 0 ? status.getAttribute("data-none")
      : count === 1 ? status.getAttribute("data-one")
      : status.getAttribute("data-many").replace("{n}", String(count));
    status.textContent = text;
  }

  function highlight(index) {
    var options = list.querySelectorAll("[role=option]");
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function show(data) {
    items = data;
    list.textContent = "";
    // A new list: nothing in it is chosen yet (the old choice may point past its end, or at another title).
    active = -1;
    input.removeAttribute("aria-activedescendant");
    data.forEach(function (item, i) {
      var option = document.createElement("li");
      option.id = "site-search-option-" + i;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = item.title;
      if (item.lang) { option.setAttribute("lang", item.lang); }
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.href = item.url;
      });
      list.appendChild(option);
    });
    announce(data.length);
    if (data.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    } else {
      close();
    }
  }

  function fetchSuggestions() {
    var q = input.value.trim();
    if (q === lastQuery) { return; }
    lastQuery = q;
    if (q.length < 2) { close(); return; }
    var request = new XMLHttpRequest();
    request.open("GET", url + "?q=" + encodeURIComponent(q));
    request.setRequestHeader("Accept", "application/json");
    request.onload = function () {
      if (request.status === 200 && input.value.trim() === q) {
        try { show(JSON.parse(request.responseText)); } catch (e) { close(); }
      }
    };
    request.send();
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, 150);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) { return; }
    if (event.key === "ArrowDown") {
      event.preventDefault();
      highlight(Math.min(active + 1, items.length - 1));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight(Math.max(active - 1, -1));
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = items[active].url;
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", function () { window.setTimeout(close, 100); });
})();
