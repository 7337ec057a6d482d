'use strict';

// The page talks to the preflight API only. It keeps the client secret in the form field and in the one POST body:
// never in the address, in storage or in the console. The service's API key, when it needs one, lives in its field
// only and travels as a header; the event stream uses the per-run token the service put in the run's events link.
(function () {
  const API = '/api/v1';
  const OUTCOMES = {
    pending: {symbol: '\u25CC', text: 'Running'},
    passed: {symbol: '\u2714', text: 'Passed'},
    failed: {symbol: '\u2716', text: 'Failed'},
    error: {symbol: '\u26A0', text: 'Error'},
    skipped: {symbol: '\u21B7', text: 'Skipped'}
  };
  const VERDICTS = {
    running: 'Running\u2026',
    passed: '\u2714 Passed: every check passed.',
    failed: '\u2716 Failed: at least one check found something to fix.',
    error: '\u26A0 Error: at least one check could not be evaluated.'
  };
  const RECONNECT_MS = 2000;

  const $ = (id) => document.getElementById(id);
  const form = $('preflight-form');
  const rows = $('rows');
  let scenarios = [];
  let current = null; // {id, lastSeq, source, done}

  document.addEventListener('DOMContentLoaded', start);

  function start() {
    form.addEventListener('submit', submit);
    $('scenario').addEventListener('change', fillFromScenario);
    window.addEventListener('popstate', showLinkedRun);
    window.addEventListener('hashchange', showLinkedRun);
    $('apiKey').addEventListener('change', () => {
      // What failed for want of a key is tried again with it.
      loadChecks();
      if ($('scenario-picker').hidden) {
        loadScenarios();
      }
      showLinkedRun();
    });
    loadChecks();
    loadScenarios();
    showLinkedRun();
  }

  function loadChecks() {
    fetchJson(API + '/checks').then((checks) => {
      const box = $('checks');
      if (box.querySelector('input')) {
        return; // Already drawn; a new API key only had to be tried.
      }
      const loading = $('checks-loading');
      if (loading) {
        loading.remove();
      }
      checks.forEach((check) => {
        const label = el('label', {className: 'check-option', htmlFor: 'check-' + check.id});
        const input = el('input', {type: 'checkbox', id: 'check-' + check.id, name: 'checks', value: check.id});
        input.checked = true;
        label.append(input, document.createTextNode(check.title));
        box.append(label);
      });
    }).catch(() => {
      const loading = $('checks-loading');
      if (loading) {
        loading.textContent = 'The list of checks could not be loaded; every check will run.';
      }
    });
  }

  function loadScenarios() {
    fetchJson(API + '/demo/scenarios').then((list) => {
      scenarios = Array.isArray(list) ? list : [];
      if (scenarios.length === 0) {
        return;
      }
      const select = $('scenario');
      scenarios.forEach((scenario) => select.append(el('option', {value: scenario.id, textContent: scenario.title})));
      $('scenario-picker').hidden = false;
    }).catch(() => { /* The picker is a convenience; without it the form works the same. */ });
  }

  function fillFromScenario() {
    const scenario = scenarios.find((s) => s.id === $('scenario').value);
    $('scenario-description').textContent = scenario ? (scenario.description || '') : '';
    if (!scenario) {
      return;
    }
    const request = scenario.request || {};
    const stats = request.domoStats || {};
    $('apiHost').value = request.apiHost || '';
    $('clientId').value = request.clientId || '';
    $('clientSecret').value = request.clientSecret || '';
    $('cards').value = stats.cards || '';
    $('cardPages').value = stats.cardPages || '';
    $('cardDatasource').value = stats.cardDatasource || '';
  }

  function submit(event) {
    event.preventDefault();
    clearErrors();
    const button = $('run');
    button.disabled = true;
    fetch(API + '/preflights', {
      method: 'POST',
      headers: withKey({'Content-Type': 'application/json', 'Accept': 'application/json'}),
      body: JSON.stringify(readForm())
    }).then((response) => response.json().catch(() => ({})).then((body) => {
      if (response.status !== 202) {
        // The rows on show belong to the last run started; a refused one leaves none, and no link to the old one.
        clearRun();
        if (linkedRunId()) {
          history.pushState(null, '', location.pathname);
        }
        showProblem(body, response.status);
        return;
      }
      history.pushState(null, '', '#/runs/' + encodeURIComponent(body.id));
      showRun(body);
    })).catch(() => {
      showProblem({detail: 'The service could not be reached. Check your connection and try again.'});
    }).finally(() => {
      button.disabled = false;
    });
  }

  function readForm() {
    const request = {clientId: $('clientId').value, clientSecret: $('clientSecret').value, domoStats: {}};
    const apiHost = $('apiHost').value.trim();
    if (apiHost) {
      request.apiHost = apiHost;
    }
    ['cards', 'cardPages', 'cardDatasource'].forEach((field) => {
      const value = $(field).value.trim();
      if (value) {
        request.domoStats[field] = value;
      }
    });
    const boxes = Array.from(form.querySelectorAll('input[name=checks]'));
    if (boxes.length > 0) {
      request.checks = boxes.filter((box) => box.checked).map((box) => box.value);
    }
    return request;
  }

  // --- Following a run -------------------------------------------------------------------------------------------

  function linkedRunId() {
    const hash = /^#\/runs\/([^/?#]+)$/.exec(location.hash);
    if (hash) {
      try {
        return decodeURIComponent(hash[1]);
      } catch (malformed) {
        return null;
      }
    }
    return new URLSearchParams(location.search).get('run');
  }

  function showLinkedRun() {
    const id = linkedRunId();
    if (!id) {
      if (/^#\/runs\//.test(location.hash)) {
        clearRun();
        showProblem({detail: 'This address does not name a run. Open the link the page gave you, or run a preflight.'});
      } else if (location.hash === '' && current) {
        // Back to the plain page: the form, without the run it had left.
        clearRun();
      }
      return;
    }
    if (current && current.id === id) {
      return;
    }
    fetchJson(API + '/preflights/' + encodeURIComponent(id))
        .then(showRun)
        .catch((problem) => {
          stopFollowing();
          showProblem(problem.detail ? problem : {detail: 'This run could not be loaded.'});
        });
  }

  /** Draws a snapshot or a report, then follows the run's events unless it is already done. */
  function showRun(report) {
    stopFollowing();
    const events = report.links && report.links.events;
    current = {id: report.id, events: events, lastSeq: 0, source: null, done: false, timer: null};
    rows.replaceChildren();
    report.checks.forEach(renderCheck);
    $('run-link').textContent = 'Run ' + report.id + ' \u2014 this page\u2019s address links back to it.';
    const section = $('results');
    section.hidden = false;
    $('skip').hidden = false;
    section.focus();
    if (report.status === 'done') {
      finish(report);
    } else {
      renderVerdict('running');
      follow(current);
    }
  }

  function follow(run) {
    if (run.done || current !== run) {
      return;
    }
    const base = run.events || API + '/preflights/' + encodeURIComponent(run.id) + '/events';
    const url = base + (base.indexOf('?') >= 0 ? '&' : '?') + 'lastEventId=' + run.lastSeq;
    const source = new EventSource(url);
    run.source = source;
    source.addEventListener('open', () => setConnection(''));
    source.addEventListener('check', (event) => onEvent(run, event, () => renderCheck(JSON.parse(event.data))));
    source.addEventListener('done', (event) => onEvent(run, event, () => finish(JSON.parse(event.data))));
    source.addEventListener('error', () => {
      if (run.done || source.readyState !== EventSource.CLOSED) {
        // The browser reconnects by itself and sends Last-Event-ID; the server resumes after it.
        setConnection(run.done ? '' : 'Connection lost; reconnecting\u2026');
        return;
      }
      // The browser gave up (the server refused or ended the stream): reconcile from the run and try again.
      setConnection('Connection lost; reconnecting\u2026');
      run.timer = setTimeout(() => resync(run), RECONNECT_MS);
    });
  }

  function onEvent(run, event, apply) {
    const seq = Number(event.lastEventId);
    if (current !== run || !(seq > run.lastSeq)) {
      return; // Already applied: a replay after a reconnect.
    }
    run.lastSeq = seq;
    apply();
  }

  function resync(run) {
    if (current !== run || run.done) {
      return;
    }
    fetchJson(API + '/preflights/' + encodeURIComponent(run.id)).then((report) => {
      report.checks.forEach(renderCheck);
      if (report.status === 'done') {
        finish(report);
      } else {
        follow(run);
      }
    }).catch(() => {
      run.timer = setTimeout(() => resync(run), RECONNECT_MS);
    });
  }

  function finish(report) {
    if (current) {
      current.done = true;
      if (current.source) {
        current.source.close();
      }
    }
    report.checks.forEach(renderCheck);
    renderVerdict(report.outcome, report.durationMs);
    setConnection('');
  }

  function clearRun() {
    stopFollowing();
    rows.replaceChildren();
    $('results').hidden = true;
    $('skip').hidden = true;
  }

  function stopFollowing() {
    if (current) {
      current.done = true;
      if (current.source) {
        current.source.close();
      }
      clearTimeout(current.timer);
    }
    current = null;
  }

  // --- Rendering -------------------------------------------------------------------------------------------------

  /** One row per check, found by its id: an update replaces the row's content, never adds a row. */
  function renderCheck(result) {
    let row = rows.querySelector('tr[data-check="' + CSS.escape(result.check) + '"]');
    if (!row) {
      row = el('tr', {id: 'row-' + result.check});
      row.dataset.check = result.check;
      rows.append(row);
    }
    const outcome = OUTCOMES[result.outcome] || {symbol: '?', text: result.outcome};
    row.dataset.outcome = result.outcome;

    const title = el('td', {className: 'check-title', textContent: result.title || result.check});
    const status = el('td');
    const badge = el('span', {className: 'outcome'});
    badge.append(el('span', {textContent: outcome.symbol, ariaHidden: 'true'}), ' ' + outcome.text);
    status.append(badge);
    const details = el('td', {className: 'details'});
    if (result.message) {
      details.append(el('p', {className: 'message', textContent: result.message}));
    }
    if (result.hint) {
      details.append(el('p', {className: 'hint', textContent: 'What to do: ' + result.hint}));
    }
    if (result.response && (result.outcome === 'failed' || result.outcome === 'error')) {
      const more = el('details', {className: 'response'});
      const statusText = result.httpStatus ? ' (HTTP ' + result.httpStatus + ')' : '';
      more.append(el('summary', {textContent: 'What Domo answered' + statusText}),
          el('pre', {textContent: result.response}));
      details.append(more);
    }
    const duration = el('td', {className: 'duration'});
    if (result.outcome !== 'pending' && typeof result.durationMs === 'number') {
      duration.textContent = formatMs(result.durationMs);
    }
    row.replaceChildren(title, status, details, duration);
  }

  function renderVerdict(outcome, durationMs) {
    const verdict = $('verdict');
    verdict.dataset.outcome = outcome || 'running';
    const text = VERDICTS[outcome] || ('Outcome: ' + outcome);
    verdict.textContent = typeof durationMs === 'number' ? text + ' (' + formatMs(durationMs) + ')' : text;
  }

  function setConnection(text) {
    $('connection').textContent = text;
  }

  function clearErrors() {
    const box = $('form-errors');
    box.hidden = true;
    box.replaceChildren();
    form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
  }

  /** Shows a problem+json reply next to the form and marks the fields it names. */
  function showProblem(problem, status) {
    const box = $('form-errors');
    const fields = Array.isArray(problem.errors) && problem.errors.length > 0;
    // The detail repeats the field list; with a list below, a short lead reads better.
    box.replaceChildren(el('p', {textContent: fields ? 'Please fix these fields:' : problem.detail ||
        ('The request failed' + (status ? ' with HTTP ' + status : '') + '.')}));
    if (fields) {
      const list = el('ul');
      problem.errors.forEach((error) => {
        list.append(el('li', {textContent: error.field + ' ' + error.message}));
        const input = $(String(error.field).replace(/^domoStats\./, ''));
        if (input) {
          input.setAttribute('aria-invalid', 'true');
        }
      });
      box.append(list);
    }
    box.hidden = false;
    box.focus();
  }

  // --- Small tools -----------------------------------------------------------------------------------------------

  function withKey(headers) {
    const key = $('apiKey').value.trim();
    return key ? Object.assign({'Authorization': 'Bearer ' + key}, headers) : headers;
  }

  function fetchJson(url) {
    return fetch(url, {headers: withKey({'Accept': 'application/json'})}).then((response) =>
        response.json().catch(() => ({})).then((body) => response.ok ? body : Promise.reject(body)));
  }

  function el(tag, props) {
    return Object.assign(document.createElement(tag), props || {});
  }

  function formatMs(ms) {
    return ms < 1000 ? ms + ' ms' : (ms / 1000).toFixed(1) + ' s';
  }
})();
