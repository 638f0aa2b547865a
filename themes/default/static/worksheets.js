// Worksheets: answers kept in the reader's own browser, exported and imported as files, printed
// whole. Nothing is ever sent anywhere.
//
// Each <form class="worksheet"> carries data-worksheet, data-programme and data-version. Answers
// are stored under one key per worksheet and version:
//   handbook:<programme>:<worksheet>:v<version>  ->  {"fields": {...}, "tables": {...}, "earlier": {...}}
// localStorage is shared by every page of the intranet's origin, hence the namespace.
//
// When a worksheet's version changes, answers saved under an older version are carried over for
// the fields that still exist; the others are kept and shown as "earlier answers" (and exported),
// never silently dropped.
(function () {
  'use strict';

  var FORMAT = 'handbook-worksheet';
  var MAX_FILE = 1024 * 1024; // an import file larger than 1 MB is not an answer file
  var MAX_ANSWER = 100000; // characters per answer
  var MAX_ROWS = 200;

  function storageKey(form, version) {
    return 'handbook:' + form.dataset.programme + ':' + form.dataset.worksheet + ':v' + version;
  }

  // localStorage may be missing, disabled or full: every access goes through these two.
  function readStore(key) {
    try {
      var text = window.localStorage.getItem(key);
      return text ? JSON.parse(text) : null;
    } catch (e) {
      return null;
    }
  }

  function writeStore(key, value) {
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch (e) {
      return false;
    }
  }

  function status(form, message) {
    var region = form.querySelector('.ws-status');
    if (region) region.textContent = message;
  }

  function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  // Own keys only, never __proto__ and friends: imported data must not reach the prototype chain.
  function ownKeys(object) {
    return Object.keys(object).filter(function (k) {
      return k !== '__proto__' && k !== 'constructor' && k !== 'prototype';
    });
  }

  // --- Reading and writing the form -------------------------------------------------------

  function simpleFields(form) {
    return Array.prototype.filter.call(form.querySelectorAll('textarea[name], input[name]'), function (el) {
      return !el.closest('table') && el.type !== 'file';
    });
  }

  function tables(form) {
    return Array.prototype.slice.call(form.querySelectorAll('table[data-table]'));
  }

  function columnsOf(table) {
    var first = table.querySelector('tbody tr');
    if (!first) return [];
    return Array.prototype.map.call(first.querySelectorAll('[name]'), function (el) {
      return el.name.split('.').slice(2).join('.');
    });
  }

  function collect(form) {
    var data = { fields: Object.create(null), tables: Object.create(null) };
    simpleFields(form).forEach(function (el) {
      data.fields[el.name] = el.value;
    });
    tables(form).forEach(function (table) {
      data.tables[table.dataset.table] = Array.prototype.map.call(table.querySelectorAll('tbody tr'), function (tr) {
        var row = Object.create(null);
        Array.prototype.forEach.call(tr.querySelectorAll('[name]'), function (el) {
          row[el.name.split('.').slice(2).join('.')] = el.value;
        });
        return row;
      });
    });
    data.earlier = form._earlier || Object.create(null);
    return data;
  }

  function isEmpty(data) {
    var filled = function (v) { return typeof v === 'string' && v.trim() !== ''; };
    var any = ownKeys(data.fields).some(function (k) { return filled(data.fields[k]); });
    ownKeys(data.tables).forEach(function (t) {
      data.tables[t].forEach(function (row) {
        if (ownKeys(row).some(function (k) { return filled(row[k]); })) any = true;
      });
    });
    return !any && ownKeys(data.earlier || {}).length === 0;
  }

  /** Puts `data` (already validated) into the form. Values go in through .value only. */
  function apply(form, data) {
    simpleFields(form).forEach(function (el) {
      var value = data.fields[el.name];
      el.value = typeof value === 'string' ? value : (el.dataset.default || '');
    });
    tables(form).forEach(function (table) {
      var rows = data.tables[table.dataset.table];
      if (!Array.isArray(rows)) return;
      var body = table.querySelector('tbody');
      while (body.rows.length < Math.max(rows.length, 1)) addRow(form, table, false);
      while (body.rows.length > Math.max(rows.length, 1)) body.deleteRow(body.rows.length - 1);
      Array.prototype.forEach.call(body.rows, function (tr, i) {
        Array.prototype.forEach.call(tr.querySelectorAll('[name]'), function (el) {
          var column = el.name.split('.').slice(2).join('.');
          var value = rows[i] ? rows[i][column] : '';
          el.value = typeof value === 'string' ? value : '';
        });
      });
    });
    form._earlier = data.earlier || Object.create(null);
    showEarlier(form);
    syncPrint(form);
  }

  // --- Table rows ---------------------------------------------------------------------------

  function renumber(form, table) {
    var word = form.dataset.msgRow || '';
    var remove = form.dataset.msgRemoveRow || '';
    var labels = Array.prototype.map.call(table.querySelectorAll('thead th[scope="col"]'), function (th) {
      return th.textContent;
    });
    Array.prototype.forEach.call(table.querySelectorAll('tbody tr'), function (tr, i) {
      tr.dataset.row = String(i);
      Array.prototype.forEach.call(tr.querySelectorAll('[name]'), function (el, c) {
        var parts = el.name.split('.');
        parts[1] = String(i);
        el.name = parts.join('.');
        el.setAttribute('aria-label', labels[c] + ', ' + word + ' ' + (i + 1));
      });
      var button = tr.querySelector('[data-action="remove-row"]');
      if (button) button.textContent = remove + ' ' + word + ' ' + (i + 1);
    });
  }

  function addRow(form, table, focus) {
    var body = table.querySelector('tbody');
    if (body.rows.length >= MAX_ROWS) return;
    var template = body.rows[0];
    var row = template.cloneNode(true);
    Array.prototype.forEach.call(row.querySelectorAll('[name]'), function (el) { el.value = ''; });
    body.appendChild(row);
    renumber(form, table);
    if (focus) {
      var first = row.querySelector('[name]');
      if (first) first.focus();
    }
  }

  function removeRow(form, button) {
    var tr = button.closest('tr');
    var table = button.closest('table');
    var body = table.querySelector('tbody');
    if (body.rows.length === 1) {
      // The last row is emptied rather than removed, so the table never disappears.
      Array.prototype.forEach.call(tr.querySelectorAll('[name]'), function (el) { el.value = ''; });
    } else {
      var next = tr.nextElementSibling || tr.previousElementSibling;
      tr.parentNode.removeChild(tr);
      renumber(form, table);
      var target = next && next.querySelector('[name]');
      if (target) target.focus();
    }
    save(form);
  }

  // --- Saving, migrating, earlier answers ---------------------------------------------------

  function save(form) {
    var key = storageKey(form, form.dataset.version);
    var data = collect(form);
    var ok = writeStore(key, isEmpty(data) ? null : { fields: data.fields, tables: data.tables, earlier: data.earlier, savedAt: new Date().toISOString() });
    status(form, ok ? form.dataset.msgSaved : form.dataset.msgUnavailable);
    syncPrint(form);
  }

  /** Answers saved under older versions: fields that still exist are carried over. */
  function migrate(form) {
    var version = Number(form.dataset.version);
    var known = Object.create(null);
    simpleFields(form).forEach(function (el) { known[el.name] = true; });
    var tableIds = Object.create(null);
    tables(form).forEach(function (t) { tableIds[t.dataset.table] = true; });
    for (var v = version - 1; v >= 1; v--) {
      var old = validate(readStore(storageKey(form, v)));
      if (!old) continue;
      var data = { fields: Object.create(null), tables: Object.create(null), earlier: old.earlier };
      ownKeys(old.fields).forEach(function (k) {
        if (known[k]) data.fields[k] = old.fields[k];
        else if (old.fields[k].trim() !== '') data.earlier[k] = old.fields[k];
      });
      ownKeys(old.tables).forEach(function (t) {
        if (tableIds[t]) data.tables[t] = old.tables[t];
        else data.earlier[t] = old.tables[t].map(function (row) {
          return ownKeys(row).map(function (k) { return row[k]; }).join(' | ');
        }).join('\n');
      });
      return data;
    }
    return null;
  }

  /** The label an earlier version gave field `id`, as the worksheet lists it, else the id. */
  function earlierLabel(form, id) {
    var labels = {};
    try { labels = JSON.parse(form.dataset.earlierLabels || '{}'); } catch (e) { labels = {}; }
    return Object.prototype.hasOwnProperty.call(labels, id) && typeof labels[id] === 'string' ? labels[id] : id;
  }

  function showEarlier(form) {
    var box = form.querySelector('.ws-earlier');
    var keys = ownKeys(form._earlier || {});
    if (!keys.length) {
      if (box) box.parentNode.removeChild(box);
      return;
    }
    if (!box) {
      box = document.createElement('section');
      box.className = 'ws-earlier';
      var controls = form.querySelector('.ws-controls');
      form.insertBefore(box, controls);
    }
    box.textContent = '';
    var heading = document.createElement('h3');
    heading.textContent = form.dataset.msgEarlier || '';
    box.appendChild(heading);
    var list = document.createElement('dl');
    keys.forEach(function (k) {
      var dt = document.createElement('dt');
      dt.textContent = earlierLabel(form, k);
      var dd = document.createElement('dd');
      dd.textContent = String(form._earlier[k]);
      list.appendChild(dt);
      list.appendChild(dd);
    });
    box.appendChild(list);
  }

  // --- Export and import --------------------------------------------------------------------

  function download(name, type, text) {
    var blob = new Blob([text], { type: type });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function fileName(form, ext) {
    return form.dataset.programme + '-' + form.dataset.worksheet + '.' + ext;
  }

  function exportJson(form) {
    var data = collect(form);
    var out = {
      format: FORMAT,
      programme: form.dataset.programme,
      worksheet: form.dataset.worksheet,
      version: Number(form.dataset.version),
      exportedAt: new Date().toISOString(),
      fields: data.fields,
      tables: data.tables,
      earlier: data.earlier,
    };
    download(fileName(form, 'json'), 'application/json', JSON.stringify(out, null, 2));
  }

  function labelText(el) {
    var label = el.id ? el.form.querySelector('label[for="' + el.id + '"]') : null;
    return label ? label.textContent.trim() : el.name;
  }

  function exportText(form) {
    var title = form.querySelector('.ws-title');
    var lines = ['# ' + (title ? title.textContent.trim() : form.dataset.worksheet), ''];
    Array.prototype.forEach.call(form.querySelectorAll('fieldset'), function (fs) {
      var legend = fs.querySelector('legend');
      if (legend) lines.push('## ' + legend.textContent.trim(), '');
      Array.prototype.forEach.call(fs.querySelectorAll('.ws-field [name]'), function (el) {
        lines.push('**' + labelText(el) + '**', '', el.value.trim() || '–', '');
      });
      Array.prototype.forEach.call(fs.querySelectorAll('table[data-table]'), function (table) {
        var heads = Array.prototype.map.call(table.querySelectorAll('thead th[scope="col"]'), function (th) {
          return th.textContent.trim();
        }).filter(function (t) { return t; });
        Array.prototype.forEach.call(table.querySelectorAll('tbody tr'), function (tr, i) {
          lines.push('### ' + (form.dataset.msgRow || '') + ' ' + (i + 1), '');
          Array.prototype.forEach.call(tr.querySelectorAll('[name]'), function (el, c) {
            lines.push('**' + heads[c] + '**', '', el.value.trim() || '–', '');
          });
        });
      });
    });
    var earlier = form._earlier || {};
    if (ownKeys(earlier).length) {
      lines.push('## ' + (form.dataset.msgEarlier || ''), '');
      ownKeys(earlier).forEach(function (k) { lines.push('**' + earlierLabel(form, k) + '**', '', String(earlier[k]), ''); });
    }
    download(fileName(form, 'md'), 'text/markdown', lines.join('\n'));
  }

  var FORBIDDEN = ['__proto__', 'constructor', 'prototype'];

  /** True when any object inside `value` has a key that could reach a prototype. */
  function hasForbiddenKey(value) {
    if (value === null || typeof value !== 'object') return false;
    return Object.keys(value).some(function (k) {
      return FORBIDDEN.indexOf(k) !== -1 || hasForbiddenKey(value[k]);
    });
  }

  /** Returns clean data if `raw` has the shape of saved answers, otherwise null. */
  function validate(raw) {
    if (!isPlainObject(raw) || hasForbiddenKey(raw)) return null;
    var clean = { fields: Object.create(null), tables: Object.create(null), earlier: Object.create(null) };
    var text = function (v) { return typeof v === 'string' && v.length <= MAX_ANSWER; };
    if (raw.fields !== undefined) {
      if (!isPlainObject(raw.fields)) return null;
      var fields = ownKeys(raw.fields);
      for (var i = 0; i < fields.length; i++) {
        if (!text(raw.fields[fields[i]])) return null;
        clean.fields[fields[i]] = raw.fields[fields[i]];
      }
    }
    if (raw.tables !== undefined) {
      if (!isPlainObject(raw.tables)) return null;
      var ids = ownKeys(raw.tables);
      for (var t = 0; t < ids.length; t++) {
        var rows = raw.tables[ids[t]];
        if (!Array.isArray(rows) || rows.length > MAX_ROWS) return null;
        var cleanRows = [];
        for (var r = 0; r < rows.length; r++) {
          if (!isPlainObject(rows[r])) return null;
          var row = Object.create(null);
          var cols = ownKeys(rows[r]);
          for (var c = 0; c < cols.length; c++) {
            if (!text(rows[r][cols[c]])) return null;
            row[cols[c]] = rows[r][cols[c]];
          }
          cleanRows.push(row);
        }
        clean.tables[ids[t]] = cleanRows;
      }
    }
    if (raw.earlier !== undefined) {
      if (!isPlainObject(raw.earlier)) return null;
      var keys = ownKeys(raw.earlier);
      for (var e = 0; e < keys.length; e++) {
        if (!text(raw.earlier[keys[e]])) return null;
        clean.earlier[keys[e]] = raw.earlier[keys[e]];
      }
    }
    return clean;
  }

  function importFile(form, input) {
    var file = input.files && input.files[0];
    input.value = '';
    if (!file) return;
    var fail = function () { status(form, form.dataset.msgInvalid); };
    if (file.size > MAX_FILE) return fail();
    var reader = new FileReader();
    reader.onerror = fail;
    reader.onload = function () {
      var raw;
      try {
        raw = JSON.parse(String(reader.result));
      } catch (e) {
        return fail();
      }
      if (!isPlainObject(raw) || raw.format !== FORMAT || raw.worksheet !== form.dataset.worksheet) return fail();
      var data = validate(raw);
      if (!data) return fail();
      // Answers to fields this version does not have are kept as earlier answers.
      var known = Object.create(null);
      simpleFields(form).forEach(function (el) { known[el.name] = true; });
      ownKeys(data.fields).forEach(function (k) {
        if (!known[k]) {
          if (data.fields[k].trim() !== '') data.earlier[k] = data.fields[k];
          delete data.fields[k];
        }
      });
      apply(form, data);
      save(form);
      status(form, form.dataset.msgImported);
    };
    reader.readAsText(file);
  }

  function emptyAnswers(form) {
    var empty = { fields: Object.create(null), tables: Object.create(null), earlier: Object.create(null) };
    tables(form).forEach(function (t) { empty.tables[t.dataset.table] = []; });
    return empty;
  }

  function clear(form) {
    if (!window.confirm(form.dataset.msgClearConfirm)) return;
    writeStore(storageKey(form, form.dataset.version), null);
    apply(form, emptyAnswers(form));
    status(form, '');
  }

  // --- Print: a text box prints only what fits in it, so print a copy of the whole text -------

  function syncPrint(form) {
    Array.prototype.forEach.call(form.querySelectorAll('textarea, input[type="text"]'), function (area) {
      var copy = area.nextElementSibling;
      if (!copy || !copy.classList.contains('ws-print-value')) {
        copy = document.createElement('div');
        copy.className = area.tagName === 'TEXTAREA' ? 'ws-print-value' : 'ws-print-value ws-print-line';
        copy.setAttribute('aria-hidden', 'true');
        area.parentNode.insertBefore(copy, area.nextSibling);
      }
      copy.textContent = area.value;
      area.classList.add('has-print-value');
    });
  }

  function syncAll() {
    Array.prototype.forEach.call(document.querySelectorAll('form.worksheet'), syncPrint);
  }

  // --- Wiring -------------------------------------------------------------------------------

  function init(form) {
    var key = storageKey(form, form.dataset.version);
    var saved = validate(readStore(key));
    var data = saved || migrate(form);
    if (data) {
      apply(form, data);
      if (!saved) save(form);
    } else {
      syncPrint(form);
    }
    // Typing is saved 150 ms after the last keystroke; `timer` is set while some is unsaved.
    var timer = null;
    function saveNow() {
      clearTimeout(timer);
      timer = null;
      save(form);
    }
    form.addEventListener('input', function (event) {
      if (event.target.type === 'file') return;
      clearTimeout(timer);
      timer = setTimeout(saveNow, 150);
    });
    form.addEventListener('change', function (event) {
      if (event.target.matches('[data-action="import"]')) importFile(form, event.target);
    });
    form.addEventListener('submit', function (event) { event.preventDefault(); });
    form.addEventListener('click', function (event) {
      var button = event.target.closest('button[data-action]');
      if (!button) return;
      var action = button.dataset.action;
      if (action === 'export-json') exportJson(form);
      else if (action === 'export-text') exportText(form);
      else if (action === 'print') { syncAll(); window.print(); }
      else if (action === 'clear') clear(form);
      else if (action === 'add-row') { addRow(form, form.querySelector('table[data-table="' + button.dataset.table + '"]'), true); save(form); }
      else if (action === 'remove-row') removeRow(form, button);
    });
    // Keystrokes not saved yet are saved when the tab closes. Only those: saving always would
    // let a tab left open overwrite what the reader wrote meanwhile in another tab.
    window.addEventListener('pagehide', function () { if (timer) saveNow(); });
    // Answers saved (or cleared) in another tab of the site show here at once, unless this tab
    // has typing of its own not saved yet.
    window.addEventListener('storage', function (event) {
      if (event.key !== key || timer) return;
      apply(form, validate(readStore(key)) || emptyAnswers(form));
    });
    // The label of the file input works as its button; let Enter and Space open it too.
    var importLabel = form.querySelector('.ws-import-label');
    var importInput = form.querySelector('.ws-import');
    if (importLabel && importInput) {
      importInput.addEventListener('keydown', function (event) {
        if (event.key === 'Enter') importInput.click();
      });
    }
  }

  window.addEventListener('beforeprint', syncAll);
  Array.prototype.forEach.call(document.querySelectorAll('form.worksheet'), init);
})();
