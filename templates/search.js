// coachsite search: the page holds which shards the index is cut into (#search-data);
// a query loads the shards of its words, and of the results it shows, each with a
// <script> element (so that it works from file://, where a page may not read files), and
// opens them with the site's key when --encrypt sealed them. Results are built with text
// nodes, never as HTML.
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

  // The index, with empty trees: each shard loaded is grafted into them.
  var head = data.index;
  var index = elasticlunr.Index.load({
    fields: head.fields, pipeline: head.pipeline, ref: head.ref, version: head.version, lang: head.lang,
    index: { body: { root: { docs: {}, df: 0 } }, title: { root: { docs: {}, df: 0 } } },
    documentStore: { save: false, docs: {}, docInfo: {}, length: data.count }
  });

  // Loading a shard: its script calls coachsiteShard(name, part).
  var asked = {}, arrived = {};
  window.coachsiteShard = function (name, part) {
    if (arrived[name]) { arrived[name](part); }
  };
  var bytes = function (b64) { return Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); }); };
  var key = null;
  // A part sealed by --encrypt, opened with the key the lock page kept for this tab.
  function open(part) {
    if (!part || typeof part.sealed !== 'string') { return Promise.resolve(part); }
    if (!key) {
      var raw = null;
      try { raw = sessionStorage.getItem('coachsite-key-' + part.salt); } catch (e) {}
      if (!raw) { return Promise.reject(new Error('no key')); }
      key = crypto.subtle.importKey('raw', bytes(raw), 'AES-GCM', false, ['decrypt']);
    }
    return key.then(function (k) { return crypto.subtle.decrypt({ name: 'AES-GCM', iv: bytes(part.iv) }, k, bytes(part.sealed)); })
      .then(function (plain) { return JSON.parse(new TextDecoder().decode(plain)); });
  }
  function load(name) {
    if (!asked[name]) {
      asked[name] = new Promise(function (resolve, reject) {
        arrived[name] = function (part) { delete arrived[name]; open(part).then(resolve, reject); };
        var script = document.createElement('script');
        script.src = 'search/' + name + '.js';
        script.onerror = function () { delete asked[name]; reject(new Error(name)); };
        document.head.appendChild(script);
      });
    }
    return asked[name];
  }

  // Children in the order of the whole index's JSON (by code point; digits come first in
  // any object), so that a search adds up its scores in the same order as before.
  function byCodePoint(a, b) { return a.codePointAt(0) - b.codePointAt(0); }
  function sortChildren(node) {
    var keys = Object.keys(node).filter(function (k) { return k !== 'docs' && k !== 'df'; }).sort(byCodePoint);
    var kids = keys.map(function (k) { var kid = node[k]; delete node[k]; return kid; });
    keys.forEach(function (k, i) { node[k] = kids[i]; });
  }
  function merge(into, from) {
    into.docs = from.docs;
    into.df = from.df;
    var added = false;
    for (var k in from) {
      if (k === 'docs' || k === 'df') { continue; }
      if (k in into) { merge(into[k], from[k]); } else { into[k] = from[k]; added = true; }
    }
    if (added) { sortChildren(into); }
  }
  function graft(root, prefix, node) {
    var at = root;
    Array.from(prefix).forEach(function (c) {
      if (!(c in at)) { at[c] = { docs: {}, df: 0 }; sortChildren(at); }
      at = at[c];
    });
    merge(at, node);
  }
  var grafted = {};
  function useWords(n, part) {
    if (grafted[n]) { return; }
    grafted[n] = true;
    ['body', 'title'].forEach(function (field) {
      if (part[field]) { graft(index.index[field].root, data.shards[n], part[field]); }
    });
  }
  var lengthsUsed = false;
  function useLengths(lengths) {
    if (lengthsUsed) { return; }
    lengthsUsed = true;
    var store = index.documentStore;
    lengths.forEach(function (l, i) { store.docs[i] = {}; store.docInfo[i] = { body: l[0], title: l[1] }; });
  }

  // The shards a query's word needs: the one of its longest prefix, and those under it.
  function needed(word) {
    var own = 0, all = [];
    data.shards.forEach(function (prefix, n) {
      if (word.startsWith(prefix) && prefix.length >= data.shards[own].length) { own = n; }
      if (prefix.length > word.length && prefix.startsWith(word)) { all.push(n); }
    });
    all.push(own);
    return all;
  }
  // The shard of the entries that holds entry i.
  function docShard(i) {
    var lo = 0, hi = data.docs.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (data.docs[mid] <= i) { lo = mid; } else { hi = mid - 1; } }
    return lo;
  }

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

  // Shows the results of `q`, once the shards they need are loaded. A query typed
  // while another loads wins: the older one shows nothing.
  var latest = 0;
  function show(q) {
    var mine = ++latest;
    var started = performance.now();
    function clear(text) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      status.textContent = text;
      list.setAttribute('data-ms', (performance.now() - started).toFixed(1));
    }
    if (!q) { clear(''); return Promise.resolve(); }
    // Stop words ("the") and over-long words are not in the index: say so, rather than
    // that nothing on the site holds them.
    var tokens = index.pipeline.run(elasticlunr.tokenizer(q));
    if (tokens.length === 0) { clear(say(words.common, q, 0)); return Promise.resolve(); }
    var shards = {};
    tokens.forEach(function (token) { needed(token).forEach(function (n) { shards[n] = true; }); });
    var loads = Object.keys(shards).map(function (n) {
      return load('words-' + n).then(function (part) { useWords(Number(n), part); });
    });
    loads.push(load('lengths').then(useLengths));
    return Promise.all(loads).then(function () {
      if (mine !== latest) { return; }
      var hits = index.search(q, {
        fields: { title: { boost: 3 }, body: { boost: 1 } },
        bool: 'AND',
        expand: true
      });
      var parts = {};
      hits.slice(0, SHOWN).forEach(function (hit) { parts[docShard(Number(hit.ref))] = true; });
      return Promise.all(Object.keys(parts).map(function (n) {
        return load('docs-' + n).then(function (part) { return [Number(n), part]; });
      })).then(function (loaded) {
        if (mine !== latest) { return; }
        var entries = {};
        loaded.forEach(function (l) { l[1].forEach(function (doc, j) { entries[data.docs[l[0]] + j] = doc; }); });
        results(q, hits, entries, started);
      });
    }).catch(function () {
      if (mine === latest) { clear(say(words.failed, q, 0)); }
    });
  }

  function results(q, hits, entries, started) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    var terms = q.toLowerCase().split(/[\s\-]+/).map(function (t) { return trimmer(t) || ''; })
      .filter(function (t) { return t.length > 0; });
    hits.slice(0, SHOWN).forEach(function (hit) {
      var doc = entries[Number(hit.ref)];
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
  var given = '';
  try { given = new URLSearchParams(location.search).get('q') || ''; } catch (e) {}
  input.value = given;
  input.addEventListener('input', changed);
  document.querySelector('.search-form').addEventListener('submit', function (event) {
    event.preventDefault();
    clearTimeout(timer);
    show(input.value.trim());
  });
  // Noted once the first results are shown (tests and the bench wait for it).
  show(given.trim()).then(function () {
    document.documentElement.setAttribute('data-search-ready', String(performance.now().toFixed(1)));
  });
})();
