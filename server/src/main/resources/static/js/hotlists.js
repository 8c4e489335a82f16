// The hot lists page: the custom-entry (BOLO) and designation forms post JSON to the hot-list API, the import
// form uploads a file with visible progress, and the approval buttons post decisions. Plate text travels only in
// request bodies, never in a URL. problem+json "field" errors appear next to the field of that name.
(function () {
  'use strict';

  function zoneFormat() {
    return new Intl.DateTimeFormat(undefined, {
      timeZone: window.Platewatch && window.Platewatch.zone ? window.Platewatch.zone() : undefined,
      dateStyle: 'medium', timeStyle: 'short'
    });
  }

  function when(iso) {
    if (!iso) { return '—'; }
    var d = new Date(iso);
    return isNaN(d.getTime()) ? iso : zoneFormat().format(d);
  }

  function headers(json) {
    var h = Object.assign({ 'Accept': 'application/json, application/problem+json' }, window.Platewatch.csrfHeaders());
    if (json) { h['Content-Type'] = 'application/json'; }
    return h;
  }

  function clearErrors(form) {
    form.querySelectorAll('[data-error-for]').forEach(function (el) { el.textContent = ''; });
    form.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
    var general = form.querySelector('.form-error');
    if (general) { general.hidden = true; general.textContent = ''; }
  }

  // "line 7" (a rejected file) belongs to the file field; "vehicle.make" to "vehicle"
  function slotFor(form, field) {
    if (!field) { return null; }
    var name = String(field);
    if (/^line \d+$/.test(name)) { name = 'file'; }
    return form.querySelector('[data-error-for="' + name + '"]') ||
      form.querySelector('[data-error-for="' + name.replace(/\..*$/, '') + '"]');
  }

  function showProblem(form, problem) {
    var detail = problem.detail || problem.title || 'The server refused this.';
    var slot = slotFor(form, problem.field);
    if (slot) {
      slot.textContent = detail;
      var input = form.querySelector('[name="' + slot.getAttribute('data-error-for') + '"]');
      if (input) {
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      }
      return;
    }
    var general = form.querySelector('.form-error');
    general.textContent = detail;
    general.hidden = false;
  }

  function parse(response) {
    var type = response.headers.get('Content-Type') || '';
    var body = type.indexOf('json') >= 0 ? response.json() : Promise.resolve(null);
    return body.then(function (json) { return { ok: response.ok, status: response.status, json: json }; });
  }

  // {"plate": "...", "vehicle": {"make": ...}} from the form's named fields; blanks are left out
  function formJson(form) {
    var body = {};
    form.querySelectorAll('input, select, textarea').forEach(function (el) {
      if (!el.name || el.type === 'file') { return; }
      var value = el.value.trim();
      if (value === '') { return; }
      var path = el.name.split('.');
      var target = body;
      for (var i = 0; i < path.length - 1; i++) {
        target[path[i]] = target[path[i]] || {};
        target = target[path[i]];
      }
      target[path[path.length - 1]] = value;
    });
    return body;
  }

  function busy(form, on) {
    var progress = form.querySelector('.progress-indicator');
    if (progress) { progress.hidden = !on; }
    form.querySelectorAll('button').forEach(function (b) { b.disabled = on; });
  }

  function wireApiForm(form) {
    form.addEventListener('submit', function (evt) {
      evt.preventDefault();
      clearErrors(form);
      var result = form.querySelector('.form-result');
      if (result) { result.hidden = true; }
      busy(form, true);
      fetch(form.getAttribute('data-action'), {
        method: form.getAttribute('data-method') || 'POST', credentials: 'same-origin', headers: headers(true),
        body: JSON.stringify(formJson(form))
      }).then(parse).then(function (r) {
        if (r.status === 401) { window.location.assign('/login'); return; }
        if (!r.ok) {
          showProblem(form, r.json || { detail: 'The server answered ' + r.status + '.' });
          return;
        }
        if (form.getAttribute('data-reload') === 'true') {
          window.location.reload();
          return;
        }
        form.reset();
        if (result && r.json) {
          result.textContent = 'Entry ' + r.json.id + ' entered (' + r.json.status.toLowerCase() +
            '): it matches once the ALPR administrator approves it.';
          result.setAttribute('data-entry-id', r.json.id);
          result.hidden = false;
        }
      }).catch(function () {
        showProblem(form, { detail: 'The server could not be reached. Nothing was saved; try again.' });
      }).finally(function () { busy(form, false); });
    });
  }

  function wireImport(form) {
    var box = form.querySelector('.upload-progress');
    var bar = document.getElementById('import-progress');
    var label = document.getElementById('import-progress-text');
    var report = document.getElementById('import-report');
    form.addEventListener('submit', function (evt) {
      evt.preventDefault();
      clearErrors(form);
      report.hidden = true;
      var list = form.querySelector('[name=list]').value;
      var file = form.querySelector('[name=file]').files[0];
      if (!list) { showProblem(form, { field: 'list', detail: 'Choose the list this file is for.' }); return; }
      if (!file) { showProblem(form, { field: 'file', detail: 'Choose the file to import.' }); return; }
      var data = new FormData();
      data.append('file', file);
      // the administrator's re-authentication travels with the upload (users.Reauthentication)
      data.append('currentPassword', form.querySelector('[name=currentPassword]').value);
      data.append('code', form.querySelector('[name=code]').value);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.getAttribute('data-action-base') + encodeURIComponent(list) + '/imports');
      var h = headers(false);
      Object.keys(h).forEach(function (k) { xhr.setRequestHeader(k, h[k]); });
      box.hidden = false;
      bar.removeAttribute('value'); // indeterminate until the first progress event
      label.textContent = 'Uploading ' + file.name + '…';
      form.querySelector('button[type=submit]').disabled = true;
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable) {
          bar.value = Math.round(100 * e.loaded / e.total);
          label.textContent = e.loaded < e.total ? 'Uploading… ' + bar.value + ' %' : 'Checking the file…';
        }
      });
      xhr.addEventListener('loadend', function () {
        box.hidden = true;
        form.querySelector('button[type=submit]').disabled = false;
        var json = null;
        try { json = JSON.parse(xhr.responseText); } catch (e) { json = null; }
        if (xhr.status === 401) { window.location.assign('/login'); return; }
        if (xhr.status >= 200 && xhr.status < 300 && json) {
          document.getElementById('report-records').textContent = json.records;
          document.getElementById('report-loaded').textContent = json.loaded;
          document.getElementById('report-dropped').textContent = json.droppedImmigration;
          document.getElementById('report-asof').textContent = when(json.asOf);
          report.hidden = false;
          markImported(list, json);
          return;
        }
        showProblem(form, json || { detail: xhr.status === 0 ? 'The upload did not reach the server; try again.'
          : 'The server answered ' + xhr.status + '.' });
      });
      xhr.send(data);
    });
  }

  // the list's row shows the new count and age without a reload
  function markImported(listId, json) {
    var row = document.querySelector('tr[data-hotlist-id="' + listId + '"]');
    if (!row) { return; }
    row.classList.remove('stale');
    row.querySelector('.entries-count').textContent = json.loaded;
    var status = row.querySelector('.list-status');
    var ok = document.createElement('span');
    ok.className = 'health ok';
    ok.textContent = 'Imported just now (data as of ' + when(json.asOf) + ')';
    status.replaceChildren(ok);
  }

  function wireDecisions() {
    document.querySelectorAll('button.decide').forEach(function (button) {
      button.addEventListener('click', function () {
        var cell = button.closest('.decision');
        var error = cell.querySelector('.decision-error');
        error.textContent = '';
        cell.querySelectorAll('button').forEach(function (b) { b.disabled = true; });
        var decision = { approve: button.getAttribute('data-approve') === 'true' };
        // A change decision names the proposal shown, so a proposal replaced since is not decided unseen.
        if (button.hasAttribute('data-proposed-at')) { decision.proposedAt = button.getAttribute('data-proposed-at'); }
        fetch(button.getAttribute('data-action'), {
          method: 'POST', credentials: 'same-origin', headers: headers(true),
          body: JSON.stringify(decision)
        }).then(parse).then(function (r) {
          if (r.status === 401) { window.location.assign('/login'); return; }
          if (!r.ok) {
            error.textContent = (r.json && (r.json.detail || r.json.title)) || 'The server answered ' + r.status + '.';
            cell.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
            return;
          }
          var status = r.json && r.json.status ? r.json.status : 'done';
          cell.replaceChildren(document.createTextNode(button.getAttribute('data-approve') === 'true'
            ? 'Approved (' + status.toLowerCase() + ')' : 'Refused (' + status.toLowerCase() + ')'));
          cell.closest('tr').setAttribute('data-decided', button.getAttribute('data-approve'));
        }).catch(function () {
          error.textContent = 'The server could not be reached; try again.';
          cell.querySelectorAll('button').forEach(function (b) { b.disabled = false; });
        });
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (!document.querySelector('.hotlists-page')) { return; }
    document.querySelectorAll('time.zoned').forEach(function (t) {
      t.textContent = when(t.getAttribute('datetime'));
    });
    document.querySelectorAll('form.api-form').forEach(wireApiForm);
    var importForm = document.getElementById('import-form');
    if (importForm) { wireImport(importForm); }
    wireDecisions();
  });
})();
