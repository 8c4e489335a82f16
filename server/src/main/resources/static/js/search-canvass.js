// A search's canvass view: the results of this page on the map with the cameras and the area searched, a time
// slider that shows only the results up to (or shortly before) the chosen time, in the map and the list alike,
// and the read a member clicks (in the list or on the map) with its image. The image comes from the search's
// audited image endpoint, fetched only when the member opens that result. Built with textContent: read data
// cannot inject markup.
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }

  function text(el, value) {
    el.textContent = value === null || value === undefined || value === '' ? '—' : String(value);
  }

  document.addEventListener('DOMContentLoaded', function () {
    var el = $('canvass-map');
    if (!el) { return; }
    var data = JSON.parse(el.getAttribute('data-canvass') || '{}');
    var results = data.results || [];
    var byId = {};
    results.forEach(function (r) { byId[r.readId] = r; });
    var zone = window.Platewatch && window.Platewatch.zone ? window.Platewatch.zone() : undefined;
    var format = new Intl.DateTimeFormat(undefined, { timeZone: zone, dateStyle: 'short', timeStyle: 'long' });
    var selected = null;
    var markers = {};
    var map = null;

    // ---- the map ----
    if (window.L) {
      var settings = data.settings || {};
      map = L.map(el).setView(settings.center || [0, 0], 13);
      el.classList.add('no-tiles');
      if (settings.tiles) {
        var layer = L.tileLayer(settings.tiles, { maxZoom: 19, attribution: settings.attribution || '' });
        layer.on('tileload', function () { el.classList.remove('no-tiles'); });
        layer.addTo(map);
      }
      var bounds = [];
      if (data.area) {
        var area = L.circle([data.area.latitude, data.area.longitude], {
          radius: data.area.radiusMeters, weight: 2, fill: false, className: 'area-circle', interactive: false
        }).addTo(map);
        bounds.push(area.getBounds().getNorthEast(), area.getBounds().getSouthWest());
      }
      (data.cameras || []).forEach(function (c) {
        var m = L.circleMarker([c.latitude, c.longitude], {
          radius: 7, weight: 3, fillOpacity: 0.9, className: 'camera-marker'
        }).bindTooltip(c.name).addTo(map);
        var path = m.getElement();
        if (path) { path.setAttribute('data-camera', c.name); }
      });
      results.forEach(function (r) {
        var m = L.circleMarker([r.latitude, r.longitude], {
          radius: 6, weight: 2, fillOpacity: 0.8, className: 'result-marker' + (r.lookAlike ? ' look-alike' : '')
        }).bindTooltip(r.plate + ' ' + (r.state || '') + ', ' + r.time);
        m.on('click', function () { select(r.readId); });
        markers[r.readId] = m;
        bounds.push([r.latitude, r.longitude]);
      });
      if (bounds.length > 1) {
        map.fitBounds(bounds, { padding: [30, 30], maxZoom: 17 });
      } else if (bounds.length === 1) {
        map.setView(bounds[0], 16);
      }
    }

    // ---- the time slider: one filter for the map and the list ----
    var slider = $('time-slider');
    var windowSelect = $('time-window');
    var times = results.map(function (r) { return r.at; });
    var earliest = Math.min.apply(null, times);
    var latest = Math.max.apply(null, times);
    slider.min = String(earliest);
    slider.max = String(latest);
    slider.value = String(latest);
    slider.disabled = earliest === latest;

    function visible(r, until, span) {
      return r.at <= until && (span === 0 || r.at > until - span);
    }

    function filter() {
      var until = Number(slider.value);
      var span = Number(windowSelect.value);
      var shown = 0;
      results.forEach(function (r) {
        var show = visible(r, until, span);
        if (show) { shown++; }
        var row = document.querySelector('#results tr[data-read-id="' + r.readId + '"]');
        if (row) { row.hidden = !show; }
        var m = markers[r.readId];
        if (m && map) {
          if (show && !map.hasLayer(m)) {
            m.addTo(map);
            var path = m.getElement();
            if (path) { path.setAttribute('data-read-id', r.readId); }
          } else if (!show && map.hasLayer(m)) {
            map.removeLayer(m);
          }
        }
      });
      $('time-label').textContent = format.format(new Date(until * 1000));
      $('time-shown').textContent = shown + ' of ' + results.length + ' results shown';
      el.setAttribute('data-shown', String(shown));
    }

    slider.addEventListener('input', filter);
    windowSelect.addEventListener('change', filter);

    // ---- a result opened: its facts and its image ----
    function select(readId) {
      var r = byId[readId];
      if (!r) { return; }
      selected = readId;
      document.querySelectorAll('#results tr').forEach(function (tr) {
        tr.classList.toggle('selected', tr.getAttribute('data-read-id') === readId);
      });
      Object.keys(markers).forEach(function (id) {
        var path = markers[id].getElement();
        if (path) { path.classList.toggle('selected', id === selected); }
      });
      var panel = $('result-detail');
      panel.hidden = false;
      panel.setAttribute('data-read-id', readId);
      text($('detail-plate'), r.plate);
      text($('detail-state'), r.state || '??');
      $('detail-look-alike').hidden = !r.lookAlike;
      text($('detail-time'), r.time);
      text($('detail-camera'), r.camera);
      text($('detail-confidence'), r.confidence);
      text($('detail-vehicle'), r.vehicle);
      text($('detail-position'), r.latitude.toFixed(5) + ', ' + r.longitude.toFixed(5));
      var image = $('result-image');
      if (r.image) {
        // only when it changed: every fetch of a result's image is an audited view
        if (image.getAttribute('src') !== r.image) { image.src = r.image; }
        image.hidden = false;
      } else {
        image.removeAttribute('src');
        image.hidden = true;
      }
      $('result-no-image').hidden = !!r.image;
      panel.focus();
    }

    document.querySelectorAll('#results .result-open').forEach(function (button) {
      button.addEventListener('click', function () { select(button.getAttribute('data-read-id')); });
    });

    filter();
    el.setAttribute('data-ready', 'true');
  });
})();
