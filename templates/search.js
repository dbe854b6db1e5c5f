// coachsite search: the index is in this page (#search-data), so it works from file://,
// offline and sealed by --encrypt. Results are built with text nodes, never as HTML.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('search-data').textContent);
  var words = JSON.parse(document.getElementById('search-words').textContent);
  var input = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var SHOWN = 50;
  var MAX_WORD = 64; // limits::MAX_SEARCH_WORD_CHARS
  var edge = /^[^\p{Alphabetic}\p{N}_]+|[^\p{Alphabetic}\p{N}_]+$/gu;

  // The same rule as the index's (render/search.rs: `trim`).
  function trimmer(token) {
    var t = token.replace(edge, '');
    return t === '' || Array.from(t).length > MAX_WORD ? undefined : t;
  }
  elasticlunr.Pipeline.registerFunction(trimmer, 'coachsiteTrimmer');
  var index = elasticlunr.Index.load(data.index);

  function say(template, q, n) {
    return template.replace('{q}', q).replace('{n}', String(n)).replace('{shown}', String(SHOWN));
  }

  // The part of the text around the first word of the query it holds, with that word marked.
  function snippet(text, terms) {
    var lower = text.toLowerCase();
    var at = -1, length = 0;
    terms.forEach(function (term) {
      var i = lower.indexOf(term);
      if (i >= 0 && (at < 0 || i < at)) { at = i; length = term.length; }
    });
    var p = document.createElement('p');
    p.className = 'search-snippet';
    var start = at < 0 ? 0 : Math.max(0, at - 80);
    var end = Math.min(text.length, (at < 0 ? 0 : at) + 160);
    if (start > 0) { start = text.indexOf(' ', start) + 1 || start; }
    if (end < text.length) { var space = text.lastIndexOf(' ', end); if (space > (at < 0 ? 0 : at + length)) { end = space; } }
    var before = (start > 0 ? '… ' : '') + text.slice(start, at < 0 ? end : at);
    p.appendChild(document.createTextNode(before));
    if (at >= 0) {
      var mark = document.createElement('mark');
      mark.textContent = text.slice(at, at + length);
      p.appendChild(mark);
      p.appendChild(document.createTextNode(text.slice(at + length, end)));
    }
    if (end < text.length) { p.appendChild(document.createTextNode(' …')); }
    return p;
  }

  function show(q) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    if (!q) { status.textContent = ''; return; }
    var started = performance.now();
    // Stop words ("the") and over-long words are not in the index: say so, rather than
    // that nothing on the site holds them.
    if (index.pipeline.run(elasticlunr.tokenizer(q)).length === 0) {
      status.textContent = say(words.common, q, 0);
      list.setAttribute('data-ms', (performance.now() - started).toFixed(1));
      return;
    }
    var hits = index.search(q, {
      fields: { title: { boost: 3 }, body: { boost: 1 } },
      bool: 'AND',
      expand: true
    });
    var terms = q.toLowerCase().split(/[\s\-]+/).map(function (t) { return trimmer(t) || ''; })
      .filter(function (t) { return t.length > 0; });
    hits.slice(0, SHOWN).forEach(function (hit) {
      var doc = data.docs[Number(hit.ref)];
      var li = document.createElement('li');
      var kind = document.createElement('p');
      kind.className = 'search-kind muted';
      kind.textContent = doc.d ? doc.k + ' · ' + doc.d : doc.k;
      var a = document.createElement('a');
      a.href = doc.u;
      a.textContent = doc.t;
      var h = document.createElement('h2');
      h.appendChild(a);
      li.appendChild(h);
      li.appendChild(kind);
      if (doc.x) { li.appendChild(snippet(doc.x, terms)); }
      list.appendChild(li);
    });
    var text = hits.length === 0 ? say(words.none, q, 0)
      : say(hits.length === 1 ? words.one : words.many, q, hits.length);
    if (hits.length > SHOWN) { text += ' ' + say(words.more, q, hits.length); }
    status.textContent = text;
    list.setAttribute('data-ms', (performance.now() - started).toFixed(1));
  }

  var timer = null;
  function changed() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      show(q);
      try { history.replaceState(null, '', q ? '?q=' + encodeURIComponent(q) : location.pathname); } catch (e) {}
    }, 120);
  }
  var asked = '';
  try { asked = new URLSearchParams(location.search).get('q') || ''; } catch (e) {}
  input.value = asked;
  input.addEventListener('input', changed);
  document.querySelector('.search-form').addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    show(input.value.trim());
  });
  show(asked.trim());
  document.documentElement.setAttribute('data-search-ready', String(performance.now().toFixed(1)));
})();
