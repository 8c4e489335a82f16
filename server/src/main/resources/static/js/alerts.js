// Live alerts: the list from the alert API (/api/v1/alerts), kept current by its server-sent event stream
// (event "alert" for a new one, "alert-updated" after a transition; data = the alert as JSON), and the detail
// panel where an officer works an alert through the states the API says are possible (allowedTransitions).
// Everything is built with textContent, never innerHTML: alert data cannot inject markup.
(function () {
  'use strict';

  // Fallback labels; the API's own "label" wins. Only "plainHit" alerts get the hit colour.
  var MATCH_KINDS = {
    EXACT: { label: 'Hit: plate and state match the entry', tone: 'hit' },
    STATE_MISMATCH: { label: 'Wrong state: same characters, different issuing state', tone: 'caution' },
    STATE_UNKNOWN: { label: 'State not read: same characters, issuing state unknown', tone: 'caution' },
    CONFUSABLE: { label: 'Confusable characters: similar to the entry, not identical', tone: 'caution' },
    PARTIAL: { label: 'Partial plate: only part of the plate matches', tone: 'caution' },
    VEHICLE: {
      label: 'VEHICLE DESCRIPTION ONLY: the plate was not on the list; confirm the vehicle', tone: 'caution'
    }
  };
  var STATES = {
    ALERT: 'New alert', TENTATIVE: 'Tentative: verified by eye', QUERIED: 'Queried',
    CONFIRMED: 'Confirmed hit', NOT_CONFIRMED: 'Not confirmed', MISREAD: 'Misread', CLEARED: 'Cleared'
  };
  var CLOSED = ['NOT_CONFIRMED', 'MISREAD', 'CLEARED'];
  // which form carries which transition; a form shows when the API allows one of its transitions
  var STEP_FORMS = {
    'form-verify': ['TENTATIVE', 'MISREAD'],
    'form-query': ['QUERIED'],
    'form-confirm': ['CONFIRMED', 'NOT_CONFIRMED'],
    'form-clear': ['CLEARED'],
    // rendered only where the profile lets a hit be confirmed before the checks (see allowed)
    'form-early-confirm': ['EARLY_CONFIRMED']
  };
  var STATE_AGREEMENT = {
    SAME: 'match', DIFFERENT: 'differs', READ_HAS_NO_STATE: 'unknown', ENTRY_ANY_STATE: 'any'
  };

  var page, api, zoneFormat;
  var alerts = {};
  var order = [];
  var selectedId = null;
  var freshUntil = {}; // a new alert keeps its flash for a few seconds, across re-renders of the list
  var sound = { on: true, context: null };

  function $(id) { return document.getElementById(id); }

  function text(el, value) {
    el.textContent = value === null || value === undefined || value === '' ? '—' : String(value);
    return el;
  }

  function make(tag, className, content) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (content !== undefined) { el.textContent = content; }
    return el;
  }

  function when(iso) {
    if (!iso) { return '—'; }
    var d = new Date(iso);
    return isNaN(d.getTime()) ? iso : zoneFormat.format(d);
  }

  function vehicle(v) {
    if (!v) { return '—'; }
    var parts = [v.color, v.make, v.model, v.type].filter(function (p) { return p; });
    return parts.length ? parts.join(' ') : '—';
  }

  function kindOf(alert) {
    var known = MATCH_KINDS[alert.matchKind] || { label: 'Match kind ' + alert.matchKind, tone: 'caution' };
    // never a plain hit unless the API says so: a wrong-state or confusable match stays amber
    var plain = alert.plainHit === true || (alert.plainHit === undefined && alert.matchKind === 'EXACT');
    return { label: alert.label || known.label, tone: plain ? 'hit' : 'caution' };
  }

  function allowed(alert) {
    // a hit withheld for want of CLETS authorisation cannot be verified here: the API refuses its steps
    if (alert.withheld) { return []; }
    var next = Array.isArray(alert.allowedTransitions) ? alert.allowedTransitions.slice() : [];
    // the API's allowedTransitions is the verified path; the page renders the early form only where the profile
    // allows confirming before the checks (the server checks the profile again)
    if ($('form-early-confirm') && (alert.state === 'ALERT' || alert.state === 'TENTATIVE')) {
      next.push('EARLY_CONFIRMED');
    }
    return next;
  }

  // ---- sound: a short tone through WebAudio; browsers allow it after the first click or key press ----
  function audioContext() {
    if (!sound.context) {
      var Ctx = window.AudioContext || window.webkitAudioContext;
      if (!Ctx) { return null; }
      sound.context = new Ctx();
    }
    if (sound.context.state === 'suspended') { sound.context.resume(); }
    return sound.context;
  }

  function beep(tone) {
    page.setAttribute('data-beeps', String(Number(page.getAttribute('data-beeps') || '0') + 1));
    if (!sound.on) { return; }
    try {
      var ctx = audioContext();
      if (!ctx) { return; }
      var osc = ctx.createOscillator();
      var gain = ctx.createGain();
      osc.type = 'square';
      osc.frequency.value = tone === 'hit' ? 880 : 660;
      gain.gain.setValueAtTime(0.15, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.35);
      osc.connect(gain).connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 0.35);
    } catch (e) {
      // no audio device: the colour and the list still show the alert
    }
  }

  // ---- the list ----
  function upsert(alert, fresh) {
    if (!alert || !alert.id) { return; }
    var known = Object.prototype.hasOwnProperty.call(alerts, alert.id);
    alerts[alert.id] = alert;
    if (!known) { order.unshift(alert.id); }
    if (fresh && !known) { freshUntil[alert.id] = Date.now() + 4000; }
    renderList(null);
    if (selectedId === alert.id) { renderDetail(); }
    if (fresh && !known) { beep(kindOf(alert).tone); }
  }

  function sortOrder() {
    order.sort(function (a, b) {
      var ca = CLOSED.indexOf(alerts[a].state) >= 0, cb = CLOSED.indexOf(alerts[b].state) >= 0;
      if (ca !== cb) { return ca ? 1 : -1; }
      return String(alerts[b].raisedAt).localeCompare(String(alerts[a].raisedAt));
    });
  }

  function renderList(freshId) {
    sortOrder();
    var list = $('alert-list');
    list.replaceChildren();
    order.forEach(function (id) {
      var a = alerts[id];
      var kind = kindOf(a);
      var li = make('li', 'alert-card tone-' + kind.tone + ' state-' + String(a.state).toLowerCase());
      li.setAttribute('data-alert-id', a.id);
      li.setAttribute('data-match-kind', a.matchKind);
      li.setAttribute('data-state', a.state);
      if (id === freshId || freshUntil[id] > Date.now()) { li.classList.add('fresh'); }
      if (id === selectedId) { li.classList.add('selected'); }
      var button = make('button', 'alert-open');
      button.type = 'button';
      var read = a.read || {};
      var entry = a.entry || {};
      var top = make('span', 'card-top');
      if (a.withheld) {
        top.appendChild(make('span', 'plate withheld', 'CLETS-restricted'));
      } else {
        top.appendChild(make('span', 'plate', read.plate || '?'));
        top.appendChild(make('span', 'plate-state', read.state || '??'));
      }
      top.appendChild(make('span', 'state-badge', STATES[a.state] || a.state));
      button.appendChild(top);
      button.appendChild(make('span', 'match-label', kind.label));
      button.appendChild(make('span', 'card-meta',
        (entry.listName || entry.list || 'Hot list') + ' · ' + (entry.reason || '') + ' · ' +
        (read.deviceName || '') + ' · ' + when(a.raisedAt)));
      button.addEventListener('click', function () { select(a.id); });
      li.appendChild(button);
      list.appendChild(li);
    });
    $('alerts-empty').hidden = order.length > 0;
  }

  // ---- the detail panel ----
  function select(id) {
    selectedId = id;
    renderList(null);
    renderDetail();
    $('alert-detail').focus();
    // the pushed alert may predate the read's image upload: fetch the alert as it is now
    fetch(api + '/' + encodeURIComponent(id), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (fresh) { if (fresh && fresh.id === id) { upsert(fresh, false); } })
      .catch(function () { /* the list's copy stays on screen */ });
  }

  function image(el, url) {
    if (url) {
      // only when it changed: every fetch of a read's image is an audited view
      if (el.getAttribute('src') !== url) { el.src = url; }
      el.hidden = false;
    } else {
      el.removeAttribute('src');
      el.hidden = true;
    }
  }

  function renderDetail() {
    var a = alerts[selectedId];
    var panel = $('alert-detail');
    $('alert-placeholder').hidden = !!a;
    if (!a) { panel.hidden = true; return; }
    panel.hidden = false;
    var kind = kindOf(a);
    var read = a.read || {};
    var entry = a.entry || {};
    panel.className = 'alert-detail tone-' + kind.tone;
    panel.setAttribute('data-alert-id', a.id);
    text($('detail-title'), a.withheld ? 'CLETS-restricted hit on ' + (entry.listName || entry.list || 'a hot list')
      : 'Alert on ' + (read.plate || '?') + ' ' + (read.state || ''));
    var withheld = $('detail-withheld');
    withheld.hidden = !a.withheld;
    withheld.textContent = a.withheld ? 'Details withheld: ' + a.withheld.reason + '. To see them or act on this '
      + 'hit, ask ' + a.withheld.askFor + '.' : '';
    text($('detail-kind'), kind.label);
    var caution = $('detail-caution');
    caution.hidden = kind.tone !== 'caution';
    caution.textContent = kind.tone === 'caution' ? 'Not a plain hit. ' + kind.label : '';
    $('detail-stale').hidden = !entry.listStale;
    text($('detail-state'), STATES[a.state] || a.state);

    image($('detail-image'), read.imageUrl);
    $('detail-no-image').hidden = !!read.imageUrl;
    image($('detail-crop'), read.plateCropUrl || null);
    text($('detail-read-plate'), read.plate);
    text($('detail-read-state'), read.state || '??');
    text($('detail-read-time'), when(read.capturedAt));
    text($('detail-read-device'), read.deviceName);
    text($('detail-read-confidence'),
      typeof read.confidence === 'number' ? Math.round(read.confidence * 100) + ' %' : null);
    text($('detail-read-vehicle'), vehicle(read.vehicle));

    // a vehicle-only entry has no plate: say so rather than show an empty plate
    text($('detail-entry-plate'), entry.vehicleOnly || a.matchKind === 'VEHICLE'
      ? (entry.plate || 'none: vehicle description only') : entry.plate);
    text($('detail-entry-state'), entry.state || '??');
    text($('detail-entry-list'), entry.listName || entry.list);
    text($('detail-entry-reason'), entry.reason);
    text($('detail-entry-case'), entry.caseNumber);
    text($('detail-entry-vehicle'), vehicle(entry.vehicle));
    text($('detail-entry-agency'), entry.enteringAgency);
    text($('detail-entry-asof'), entry.listAsOf ? when(entry.listAsOf) + (entry.listStale ? ' (stale)' : '') : null);
    renderRecords(a);

    renderChecks(a);
    renderSteps(a);
    renderHistory(a);
  }

  function renderRecords(a) {
    var query = null;
    (a.transitions || []).forEach(function (t) { if (t.to === 'QUERIED') { query = t.details || {}; } });
    $('detail-query-record').hidden = !query;
    if (query) {
      text($('record-system'), query.system);
      text($('record-result'), query.result);
      text($('record-reference'), query.reference);
    }
    $('detail-outcome-record').hidden = !a.outcome;
    text($('record-outcome'), a.outcome ? String(a.outcome).replace(/_/g, ' ').toLowerCase() : null);
    text($('record-incident'), a.incidentNumber);
  }

  function renderChecks(a) {
    var checks = a.checks || {};
    var agreement = STATE_AGREEMENT[checks.stateAgreement];
    var rv = (a.read && a.read.vehicle) || {};
    var ev = (a.entry && a.entry.vehicle) || {};
    var rows = [
      ['State', a.read && a.read.state, a.entry && a.entry.state, checks.stateMatches],
      ['Make', rv.make, ev.make, checks.makeMatches],
      ['Model', rv.model, ev.model, checks.modelMatches],
      ['Colour', rv.color, ev.color, checks.colorMatches]
    ];
    var body = $('detail-checks').tBodies[0];
    body.replaceChildren();
    rows.forEach(function (r) {
      var tr = make('tr');
      var th = make('th', null, r[0]);
      th.scope = 'row';
      tr.appendChild(th);
      tr.appendChild(text(make('td'), r[1]));
      tr.appendChild(text(make('td'), r[2]));
      var verdict = r[3] === true ? 'match' : r[3] === false ? 'differs' : 'unknown';
      if (r[0] === 'State' && agreement) { verdict = agreement; }
      var td = make('td', 'check-' + (verdict === 'any' ? 'unknown' : verdict),
        verdict === 'match' ? '✓ matches' : verdict === 'differs' ? '✗ differs: wrong state'
          : verdict === 'any' ? '? entry is for any state' : '? not known');
      if (r[0] !== 'State' && verdict === 'differs') { td.textContent = '✗ differs'; }
      tr.appendChild(td);
      body.appendChild(tr);
    });
  }

  function renderSteps(a) {
    var next = allowed(a);
    Object.keys(STEP_FORMS).forEach(function (id) {
      var form = $(id);
      if (!form) { return; }
      var wasHidden = form.hidden;
      form.hidden = !STEP_FORMS[id].some(function (to) { return next.indexOf(to) >= 0; });
      // within a form, only the buttons of allowed transitions
      form.querySelectorAll('button[data-to], button[data-requires]').forEach(function (b) {
        var to = b.getAttribute('data-to') || b.getAttribute('data-requires');
        b.hidden = next.indexOf(to) < 0;
      });
      if (form.hidden || wasHidden) {
        form.reset();
        clearErrors(form);
      }
    });
    updateVerifyButton();
  }

  function renderHistory(a) {
    var list = $('detail-history');
    list.replaceChildren();
    var raised = make('li', null, when(a.raisedAt) + ': alert raised (' + a.matchKind + ')');
    list.appendChild(raised);
    (a.transitions || []).forEach(function (t) {
      var details = t.details ? Object.keys(t.details).map(function (k) {
        return k + ': ' + t.details[k];
      }).join(', ') : '';
      list.appendChild(make('li', null, when(t.at) + ': ' + (STATES[t.to] || t.to) + ' by ' + (t.by || '?') +
        (details ? ' (' + details + ')' : '')));
    });
  }

  function updateVerifyButton() {
    var form = $('form-verify');
    var boxes = form.querySelectorAll('input[type=checkbox]');
    var all = Array.prototype.every.call(boxes, function (b) { return b.checked; });
    form.querySelector('button[type=submit]').disabled = !all;
  }

  // ---- transitions ----
  function clearErrors(form) {
    form.querySelectorAll('[data-error-for]').forEach(function (el) { el.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
    var general = form.querySelector('.form-error');
    general.hidden = true;
    general.textContent = '';
  }

  function showProblem(form, problem) {
    var field = problem.field ? String(problem.field).replace(/^.*\./, '') : null;
    var slot = field ? form.querySelector('[data-error-for="' + field + '"]') : null;
    var detail = problem.detail || problem.title || 'The server refused this step.';
    if (slot) {
      slot.textContent = detail;
      var input = form.querySelector('[name="' + field + '"]');
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
    } else {
      var general = form.querySelector('.form-error');
      general.textContent = detail;
      general.hidden = false;
    }
  }

  function payload(form, to) {
    var body = { to: to };
    if (to === 'MISREAD') { return body; }
    if (to === 'NOT_CONFIRMED') {
      body.reason = form.querySelector('[name=reason]').value.trim();
      return body;
    }
    form.querySelectorAll('input, select, textarea').forEach(function (el) {
      if (!el.name || (to === 'CONFIRMED' && el.name === 'reason')) { return; }
      if (el.type === 'checkbox') {
        body[el.name] = el.checked;
      } else {
        body[el.name] = el.value.trim();
      }
    });
    return body;
  }

  function transition(form, to) {
    var a = alerts[selectedId];
    if (!a) { return; }
    clearErrors(form);
    var progress = $('step-progress');
    progress.hidden = false;
    var buttons = form.querySelectorAll('button');
    buttons.forEach(function (b) { b.disabled = true; });
    var headers = Object.assign({ 'Content-Type': 'application/json', 'Accept': 'application/json' },
      window.Platewatch.csrfHeaders());
    fetch(api + '/' + encodeURIComponent(a.id) + '/transitions', {
      method: 'POST', credentials: 'same-origin', headers: headers, body: JSON.stringify(payload(form, to))
    }).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      var body = type.indexOf('json') >= 0 ? response.json() : Promise.resolve(null);
      return body.then(function (json) { return { ok: response.ok, status: response.status, json: json }; });
    }).then(function (result) {
      if (result.status === 401) {
        window.location.assign('/login');
        return;
      }
      if (result.ok) {
        if (result.json && result.json.id) {
          upsert(result.json, false);
        } else {
          load();
        }
      } else {
        showProblem(form, result.json || { detail: 'The server answered ' + result.status + '.' });
      }
    }).catch(function () {
      showProblem(form, { detail: 'The server could not be reached. Nothing was changed; try again.' });
    }).finally(function () {
      progress.hidden = true;
      buttons.forEach(function (b) { b.disabled = false; });
      updateVerifyButton();
    });
  }

  function wireForms() {
    Object.keys(STEP_FORMS).forEach(function (id) {
      var form = $(id);
      if (!form) { return; }
      form.addEventListener('submit', function (evt) {
        evt.preventDefault();
        transition(form, form.getAttribute('data-to'));
      });
      form.querySelectorAll('button[data-to]').forEach(function (b) {
        b.addEventListener('click', function () { transition(form, b.getAttribute('data-to')); });
      });
    });
    $('form-verify').addEventListener('change', updateVerifyButton);
  }

  // ---- loading and the live stream ----
  function status(state, label) {
    var el = $('stream-status');
    el.setAttribute('data-state', state);
    el.textContent = label;
  }

  // The list is loaded by the page itself (on opening, after a reconnect): a background request, which does not
  // hold off the idle lock. A member's own clicks (an alert, a step) are not marked.
  function load() {
    $('alerts-loading').hidden = false;
    return fetch(api, { credentials: 'same-origin',
      headers: window.Platewatch.backgroundHeaders({ 'Accept': 'application/json' }) })
      .then(function (response) {
        if (response.status === 401) {
          // the session ended: sign in again rather than show an empty list
          window.location.assign('/login');
        }
        if (!response.ok) { throw new Error('status ' + response.status); }
        return response.json();
      })
      .then(function (list) {
        var items = Array.isArray(list) ? list : (list.alerts || list.content || []);
        items.forEach(function (a) {
          if (!Object.prototype.hasOwnProperty.call(alerts, a.id)) { order.push(a.id); }
          alerts[a.id] = a;
        });
        $('alerts-error').hidden = true;
        renderList(null);
        renderDetail();
      })
      .catch(function (e) {
        var error = $('alerts-error');
        error.textContent = 'Alerts could not be loaded (' + e.message + '). New alerts still arrive below.';
        error.hidden = false;
        renderList(null);
      })
      .finally(function () { $('alerts-loading').hidden = true; });
  }

  function listen() {
    if (!window.EventSource) {
      status('down', 'Live updates are not supported by this browser');
      return;
    }
    // The stream is background by its kind (text/event-stream): it never keeps the session from its idle lock,
    // and the server ends it when the lock falls.
    var source = new EventSource(api + '/stream');
    var opened = false;
    source.addEventListener('open', function () {
      status('live', 'Live');
      // after a reconnect: alerts raised while the stream was down were not pushed, so load the list again
      if (opened) { load(); }
      opened = true;
    });
    source.addEventListener('error', function () {
      if (source.readyState === EventSource.CLOSED) {
        // the server refused to reopen it (the session ended, or access changed): the list load says which,
        // and returns to sign-in when the session ended
        status('down', 'Live updates stopped');
        load();
        return;
      }
      status('reconnecting', 'Reconnecting…');
    });
    source.addEventListener('alert', function (evt) {
      try {
        upsert(JSON.parse(evt.data), true);
      } catch (e) {
        // a malformed event is skipped; the next list load shows the alert anyway
      }
    });
    // another member (or this one, in another window) moved an alert on: show its new state, no tone
    source.addEventListener('alert-updated', function (evt) {
      try {
        upsert(JSON.parse(evt.data), false);
      } catch (e) {
        // skipped, as above
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    page = document.querySelector('[data-alerts-api]');
    if (!page) { return; }
    api = page.getAttribute('data-alerts-api').replace(/\/$/, '');
    zoneFormat = new Intl.DateTimeFormat(undefined, {
      timeZone: window.Platewatch && window.Platewatch.zone ? window.Platewatch.zone() : undefined,
      dateStyle: 'short', timeStyle: 'long' // 'long' names the zone: 3:32:26 PM PST
    });
    var toggle = $('sound-toggle');
    toggle.addEventListener('click', function () {
      sound.on = !sound.on;
      toggle.setAttribute('aria-pressed', String(sound.on));
      toggle.textContent = 'Sound: ' + (sound.on ? 'on' : 'off');
      if (sound.on) { audioContext(); }
    });
    // browsers start audio only after a gesture: the first click or key anywhere unlocks it
    ['click', 'keydown'].forEach(function (t) {
      document.addEventListener(t, function () { if (sound.on) { audioContext(); } }, { once: true });
    });
    wireForms();
    load().then(listen);
  });
})();
