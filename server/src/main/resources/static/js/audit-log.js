// The audit log page: filters, paging and the CSV link over /api/v1/audit/events, and the day's chain head.
// Every read goes through the API on the session, so the API checks the role and records the read.
(function () {
  'use strict';

  var PAGE_SIZE = 50;
  var FIELDS = ['user', 'action', 'from', 'to'];
  var main, eventsApi, chainApi, zoneFormat;
  // upTo: the newest record the pages are cut from, so that the reads this page audits do not shift them.
  var state = { page: 0, filters: {}, upTo: null };

  function $(id) { return document.getElementById(id); }

  function make(tag, className, content) {
    var el = document.createElement(tag);
    if (className) { el.className = className; }
    if (content !== undefined && content !== null) { el.textContent = String(content); }
    return el;
  }

  function when(iso) {
    if (!iso) { return '—'; }
    var d = new Date(iso);
    return isNaN(d.getTime()) ? iso : zoneFormat.format(d);
  }

  /** Today in the department's zone, as YYYY-MM-DD. */
  function today() {
    var parts = new Intl.DateTimeFormat('en-CA', { timeZone: window.Platewatch.zone(), year: 'numeric',
      month: '2-digit', day: '2-digit' }).formatToParts(new Date());
    var get = function (t) { return parts.filter(function (p) { return p.type === t; })[0].value; };
    return get('year') + '-' + get('month') + '-' + get('day');
  }

  function query(extra) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (f) {
      if (state.filters[f]) { params.set(f, state.filters[f]); }
    });
    Object.keys(extra || {}).forEach(function (k) { params.set(k, extra[k]); });
    var s = params.toString();
    return s ? '?' + s : '';
  }

  function clearErrors(form) {
    form.querySelectorAll('.field-error').forEach(function (e) { e.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (e) { e.removeAttribute('aria-invalid'); });
  }

  /** A problem+json answer: a field's error next to its field, anything else above the table. */
  function showProblem(problem, form, fallbackId) {
    var field = problem && problem.field;
    var detail = (problem && problem.detail) || 'The server refused the request.';
    var errorEl = field ? $(field + '-error') : null;
    if (errorEl && form.contains(errorEl)) {
      errorEl.textContent = detail.indexOf(field + ': ') === 0 ? detail.substring(field.length + 2) : detail;
      var input = form.querySelector('[name="' + field + '"]');
      if (input) { input.setAttribute('aria-invalid', 'true'); }
    } else {
      var box = $(fallbackId);
      box.textContent = detail;
      box.hidden = false;
    }
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' }).then(function (r) {
      if (r.redirected && r.url.indexOf('/login') >= 0) {
        window.location.assign('/login');
        return Promise.reject(new Error('signed out'));
      }
      return r.json().catch(function () { return {}; }).then(function (body) {
        return r.ok ? body : Promise.reject(body);
      });
    });
  }

  function loadEvents() {
    var form = $('audit-filters');
    clearErrors(form);
    $('audit-error').hidden = true;
    $('audit-summary').textContent = 'Loading…';
    $('audit-csv').setAttribute('href', '/api/v1/audit/events.csv' + query());
    var paging = { page: state.page, size: PAGE_SIZE };
    if (state.upTo !== null) { paging.upTo = state.upTo; }
    getJson(eventsApi + query(paging)).then(render, function (problem) {
      $('audit-summary').textContent = '';
      showProblem(problem, form, 'audit-error');
    });
  }

  function render(result) {
    var rows = $('audit-rows');
    rows.textContent = '';
    result.events.forEach(function (e) {
      var tr = make('tr');
      tr.setAttribute('data-event', e.id);
      tr.setAttribute('data-action', e.action);
      tr.appendChild(make('td', null, when(e.occurredAt)));
      var who = make('td');
      who.appendChild(make('span', 'audit-user', e.username));
      if (e.fullName) { who.appendChild(make('div', 'hint', e.fullName)); }
      tr.appendChild(who);
      tr.appendChild(make('td', 'audit-action', e.action));
      tr.appendChild(make('td', null, e.subject || '—'));
      var terms = make('td', null, [e.terms, e.purpose && 'purpose: ' + e.purpose,
        e.caseNumber && 'case: ' + e.caseNumber].filter(Boolean).join(' · ') || '—');
      tr.appendChild(terms);
      tr.appendChild(make('td', 'num', e.resultCount === null || e.resultCount === undefined ? '—' : e.resultCount));
      rows.appendChild(tr);
    });
    if (!result.events.length) {
      var empty = make('tr');
      var td = make('td', null, 'No records match these filters.');
      td.colSpan = 6;
      empty.appendChild(td);
      rows.appendChild(empty);
    }
    state.upTo = result.upTo;
    var pages = Math.max(1, Math.ceil(result.total / result.size));
    $('audit-summary').textContent = result.total + (result.total === 1 ? ' record' : ' records');
    $('page-info').textContent = 'Page ' + (result.page + 1) + ' of ' + pages;
    $('page-prev').disabled = result.page <= 0;
    $('page-next').disabled = result.page + 1 >= pages;
    main.setAttribute('data-loaded', String(Date.now()));
  }

  function loadChainHead(date) {
    var form = $('chain-form');
    clearErrors(form);
    getJson(chainApi + (date ? '?date=' + encodeURIComponent(date) : '')).then(function (head) {
      $('chain-hash').textContent = head.head;
      $('chain-records').textContent = head.records;
      $('chain-last').textContent = head.lastRecordAt ? when(head.lastRecordAt) + ' (record ' + head.lastRecordId + ')'
        : 'none: the log was empty';
      if (!$('chain-date').value) { $('chain-date').value = head.date; }
      $('chain-note').textContent = head.date === today() ? '(today is not over: the head moves with each new record)'
        : '(the hash the day ended on)';
      $('chain-panel').setAttribute('data-date', head.date);
    }, function (problem) {
      showProblem(problem, form, 'audit-error');
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    main = $('main');
    eventsApi = main.getAttribute('data-events-api');
    chainApi = main.getAttribute('data-chain-api');
    zoneFormat = new Intl.DateTimeFormat('en-US', { timeZone: window.Platewatch.zone(), year: 'numeric',
      month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
      timeZoneName: 'short' });

    $('audit-filters').addEventListener('submit', function (evt) {
      evt.preventDefault();
      var form = evt.target;
      state.filters = {};
      FIELDS.forEach(function (f) { state.filters[f] = form.elements[f].value.trim(); });
      state.page = 0;
      state.upTo = null;
      loadEvents();
    });
    $('audit-filters').addEventListener('reset', function () {
      state.filters = {};
      state.page = 0;
      state.upTo = null;
      window.setTimeout(loadEvents, 0);
    });
    $('page-prev').addEventListener('click', function () { state.page -= 1; loadEvents(); });
    $('page-next').addEventListener('click', function () { state.page += 1; loadEvents(); });
    $('chain-form').addEventListener('submit', function (evt) {
      evt.preventDefault();
      loadChainHead($('chain-date').value);
    });

    loadEvents();
    loadChainHead(null);
  });
})();
