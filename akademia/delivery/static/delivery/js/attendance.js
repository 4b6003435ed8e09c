// The attendance list on a tablet (delivery:day-detail), kept working without a connection.
//
// A choice is kept at once in localStorage (a draft: it survives a reload). "Save" moves the
// chosen marks into a queue, also in localStorage, each with an id (a UUID: the page's own for
// its line, else a new one), and sends the queue as JSON to the day's sync URL. The server
// answers per mark; a mark it applied, had applied before (the same id) or refused leaves the
// queue, so nothing is lost and nothing counts twice. Without a connection the queue waits and
// is sent when the browser is online again (and every 30 seconds). Without this script the
// same form posts as it is.
(function () {
  "use strict";

  var QUEUE = "akademia.attendance.queue";
  var form = document.querySelector("[data-attendance]");
  if (!form) return;
  var status = document.getElementById("sync-status");
  var draftKey = "akademia.attendance.draft." + form.dataset.day;
  var url = form.dataset.syncUrl;
  var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var sending = false;

  function read(key, empty) {
    try {
      return JSON.parse(localStorage.getItem(key)) || empty;
    } catch (error) {
      return empty;
    }
  }

  function write(key, value) {
    localStorage.setItem(key, JSON.stringify(value));
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 15) | 64;
    bytes[8] = (bytes[8] & 63) | 128;
    var hex = Array.prototype.map.call(bytes, function (b) {
      return (b + 256).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function rowOf(participant) {
    return form.querySelector('.attendance-row[data-participant="' + participant + '"]');
  }

  function say(text, offline) {
    status.textContent = text;
    status.classList.toggle("offline", !!offline);
  }

  function setRowState(participant, state, text) {
    var row = rowOf(participant);
    if (!row) return;
    row.classList.remove("row-pending", "row-refused", "row-saved");
    row.classList.add("row-" + state);
    var line = row.querySelector("[data-row-state]");
    if (line) line.textContent = text;
    // A mark on its way or saved is not chosen again here (a change goes with a reason); a
    // refused one is chosen again, and saved with a new id.
    row.querySelectorAll("input[type=radio], input[type=text]").forEach(function (input) {
      input.disabled = state !== "refused";
    });
  }

  function showNotes() {
    form.querySelectorAll(".attendance-choice").forEach(function (fieldset) {
      var checked = fieldset.querySelector("input[type=radio]:checked");
      var note = fieldset.querySelector("[data-note]");
      var needed = checked && checked.value !== "present" && checked.value !== "absent";
      if (note) note.hidden = !needed && !note.querySelector("input").value;
    });
  }

  // The draft: what is chosen but not saved yet.
  function saveDraft() {
    var draft = {};
    form.querySelectorAll(".attendance-choice").forEach(function (fieldset) {
      var row = fieldset.closest(".attendance-row");
      var checked = fieldset.querySelector("input[type=radio]:checked");
      var note = fieldset.querySelector("input[type=text]");
      if (checked && !checked.disabled) {
        draft[row.dataset.participant] = { status: checked.value, note: note ? note.value : "" };
      }
    });
    write(draftKey, draft);
  }

  function restoreDraft() {
    var draft = read(draftKey, {});
    Object.keys(draft).forEach(function (participant) {
      var row = rowOf(participant);
      if (!row) return;
      var radio = row.querySelector('input[type=radio][value="' + draft[participant].status + '"]');
      if (radio) radio.checked = true;
      var note = row.querySelector("input[type=text]");
      if (note) note.value = draft[participant].note || "";
    });
  }

  function markAllPresent(event) {
    event.preventDefault();
    form.querySelectorAll(".attendance-choice").forEach(function (fieldset) {
      if (fieldset.querySelector("input[type=radio]:checked")) return;
      var present = fieldset.querySelector('input[type=radio][value="present"]');
      if (present && !present.disabled) present.checked = true;
    });
    saveDraft();
    showNotes();
  }

  function enqueue(event) {
    event.preventDefault();
    var queue = read(QUEUE, []);
    form.querySelectorAll(".attendance-choice").forEach(function (fieldset) {
      var row = fieldset.closest(".attendance-row");
      var checked = fieldset.querySelector("input[type=radio]:checked");
      if (!checked || checked.disabled) return;
      var participant = row.dataset.participant;
      var given = fieldset.querySelector('input[name="client-' + participant + '"]');
      var note = fieldset.querySelector("input[type=text]");
      queue.push({
        url: url,
        mark: {
          id: given && given.value ? given.value : newId(),
          participant: Number(participant),
          status: checked.value,
          note: note ? note.value : "",
        },
      });
      if (given) given.value = newId(); // a later choice of this line is another mark
      setRowState(participant, "pending", form.dataset.msgPending);
    });
    write(QUEUE, queue);
    write(draftKey, {});
    flush();
  }

  function waiting(queue) {
    return form.dataset.msgWaiting + " " + queue.length;
  }

  function forget(ids) {
    write(QUEUE, read(QUEUE, []).filter(function (item) {
      return ids.indexOf(item.mark.id) < 0;
    }));
  }

  function answered(results) {
    var refused = false;
    results.forEach(function (result) {
      if (result.ok) {
        setRowState(result.participant, "saved", form.dataset.msgRowSaved);
      } else {
        refused = true;
        setRowState(result.participant, "refused", result.message);
      }
    });
    forget(results.map(function (result) { return result.id; }));
    return refused;
  }

  // Send the queued marks of this day (those of other days wait for their own page).
  function flush() {
    var queue = read(QUEUE, []);
    var mine = queue.filter(function (item) { return item.url === url; });
    if (!mine.length) {
      if (status.textContent) say(form.dataset.msgSaved);
      return;
    }
    mine.forEach(function (item) { setRowState(item.mark.participant, "pending", form.dataset.msgPending); });
    if (sending) return;
    if (!navigator.onLine) {
      say(form.dataset.msgOffline + " " + waiting(mine), true);
      return;
    }
    sending = true;
    say(form.dataset.msgSaving);
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token, Accept: "application/json" },
      body: JSON.stringify({ marks: mine.map(function (item) { return item.mark; }) }),
    })
      .then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        if (!response.ok || response.redirected || !json) {
          say(form.dataset.msgLogin + " " + waiting(mine), true);
          return null;
        }
        return response.json();
      })
      .then(function (answer) {
        if (!answer) return;
        var refused = answered(answer.results);
        var left = read(QUEUE, []).filter(function (item) { return item.url === url; });
        if (refused) say(form.dataset.msgRefused, true);
        else if (left.length) say(waiting(left), true);
        else say(form.dataset.msgSaved);
      })
      .catch(function () {
        say(form.dataset.msgOffline + " " + waiting(mine), true);
      })
      .then(function () {
        sending = false;
      });
  }

  form.addEventListener("change", function () {
    saveDraft();
    showNotes();
  });
  form.addEventListener("submit", enqueue);
  var all = form.querySelector("[data-all-present]");
  if (all) all.addEventListener("click", markAllPresent);
  window.addEventListener("online", flush);
  window.addEventListener("offline", flush);
  setInterval(flush, 30000);
  restoreDraft();
  showNotes();
  flush();
})();
