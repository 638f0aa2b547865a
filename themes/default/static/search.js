// Search in the site's language, written for handbook (no third-party search code). A page
// loads only search-boot.js; this script is loaded on first use of the search box.
//
// The index (search-index.js, built by src/index.rs) is loaded on first use with a plain <script>
// tag, so search works from file:// and under any sub-path. A query is read the way a participant
// asks: the synonym table's words and phrases ("tavshedspligt", "hvor ofte") stand for their
// group, also where the site never uses them; question words
// ("hvordan", "hur") and stop words are dropped; each other word is turned into the index's stem
// with the same rules as the index (the key-word table, then the site's word -> stem map); a
// compound the site does not contain is split into the site's words ("tilmeldingsfrist" ->
// "tilmelding" + "frist"), as the index split the site's own compounds; a word the site does not
// contain at all falls back to prefix matching. Each stem brings its synonyms, at half weight.
// Results must match every query word (AND) except words found in more than a quarter of the
// sections; when nothing does, the best partial matches are shown. A section whose
// heading names the query's words comes first; then a match in a page title counts most, then in
// a heading, then in the text.
(function () {
  'use strict';

  var box = document.querySelector('.search');
  var input = document.getElementById('search-input');
  var list = document.getElementById('search-results');
  var live = document.getElementById('search-status');
  if (!box || !input || !list) return;

  var index = null;
  var loading = false;
  var results = [];
  var active = -1;
  var MAX_RESULTS = 10;

  var pending = null;

  /** Runs `then` once the index is there; only the latest request waits for the loading. */
  function load(then) {
    if (index || window.HANDBOOK_SEARCH) {
      index = index || prepare(window.HANDBOOK_SEARCH);
      then();
      return;
    }
    pending = then;
    if (loading) return;
    loading = true;
    live.textContent = input.dataset.msgLoading || '';
    var script = document.createElement('script');
    script.src = box.dataset.index;
    script.onload = function () {
      index = prepare(window.HANDBOOK_SEARCH);
      if (pending) pending();
    };
    document.head.appendChild(script);
  }

  /** Unpacks the index (word forms as endings of their stems, sections as differences with
   * their weights where not 1) and lists the site's words, for prefix matching. */
  function prepare(data) {
    var packed = data.stems;
    data.stems = Object.create(null);
    Object.keys(packed).forEach(function (stem) {
      packed[stem].forEach(function (form) {
        data.stems[form.charAt(0) === '~' ? form.slice(1) : stem + form] = stem;
      });
    });
    // Postings become flat pairs: section, weight, section, weight, ... (packed, a section is a
    // difference from the one before, and a weight other than 1 comes before it, negated).
    Object.keys(data.index).forEach(function (stem) {
      var packed = data.index[stem];
      var postings = [];
      var doc = 0;
      var weight = 1;
      for (var i = 0; i < packed.length; i++) {
        if (packed[i] < 0) { weight = -packed[i]; continue; }
        doc += packed[i];
        postings.push(doc, weight);
        weight = 1;
      }
      data.index[stem] = postings;
    });
    var words = Object.create(null);
    Object.keys(data.stems).concat(Object.keys(data.index)).forEach(function (w) { words[w] = true; });
    data.words = Object.keys(words).sort();
    data.known = Object.create(null);
    data.words.forEach(function (w) { data.known[w] = true; });
    data.stopSet = Object.create(null);
    data.stop.concat(data.q).forEach(function (w) { data.stopSet[w] = true; });
    // Stem -> the synonym groups it is in.
    data.groupsOf = Object.create(null);
    data.syn.forEach(function (group, g) {
      group.forEach(function (stem) { (data.groupsOf[stem] = data.groupsOf[stem] || []).push(g); });
    });
    return data;
  }

  /** The parts of a compound, as src/index.rs splits them: at least four letters each; every part
   * a word of the site (a joining s or e between parts may go), or else a word of the site
   * joined by s to a tail the site does not use on its own. The longest head first. */
  function cuts(word) {
    var chars = Array.from(word);
    var out = [];
    for (var cut = chars.length - 4; cut >= 4; cut--) out.push([chars.slice(0, cut).join(''), chars.slice(cut).join('')]);
    return out;
  }

  function base(head, joins) {
    if (index.known[head]) return head;
    var b = head.slice(0, -1);
    return joins.indexOf(head.slice(-1)) !== -1 && Array.from(b).length >= 4 && index.known[b] ? b : null;
  }

  function splitKnown(word) {
    var all = cuts(word);
    for (var i = 0; i < all.length; i++) {
      var head = base(all[i][0], 'se');
      if (!head) continue;
      if (index.known[all[i][1]]) return [head, all[i][1]];
      var rest = splitKnown(all[i][1]);
      if (rest) return [head].concat(rest);
    }
    return null;
  }

  function compoundParts(word) {
    var known = splitKnown(word);
    if (known) return known;
    var all = cuts(word);
    for (var i = 0; i < all.length; i++) {
      var head = all[i][0];
      var b = head.slice(0, -1);
      if (head.slice(-1) === 's' && Array.from(b).length >= 4 && index.known[b]) return [b, all[i][1]];
    }
    return null;
  }

  /** `stems` with every stem of their synonym groups that the site has. */
  function withSynonyms(stems) {
    var all = Object.create(null);
    stems.forEach(function (stem) {
      all[stem] = true;
      (index.groupsOf[stem] || []).forEach(function (g) {
        index.syn[g].forEach(function (s) { if (hasStem(s)) all[s] = true; });
      });
    });
    return Object.keys(all);
  }

  /** The query's terms: each a word (or phrase), the stems it stands for itself (`own`), and
   * those with their synonyms (`stems`). A compound the site does not contain is one term made
   * of its parts' stems. */
  function terms(query) {
    var text = ' ' + split(query).join(' ') + ' ';
    var found = [];
    index.phr.forEach(function (p) {
      var at = text.indexOf(' ' + p[0] + ' ');
      if (at === -1) return;
      text = text.slice(0, at) + ' ' + text.slice(at + p[0].length + 1);
      var own = index.known[p[0]] ? stemsFor(p[0]) : [];
      // A phrase of question and stop words ("hvor mange") asks for a kind of answer, not about
      // a subject: sections that give one ("højst") rank higher, but none is left out.
      var hint = !own.length && p[0].split(' ').every(function (w) { return index.stopSet[w]; });
      // Words of one group ("hur ofta träffas") ask one thing: one term.
      var same = found.filter(function (t) { return t.group === p[1]; })[0];
      if (same) {
        same.word += ' ' + p[0];
        same.own = same.own.concat(own);
        same.hint = same.hint && hint;
        return;
      }
      found.push({ word: p[0], group: p[1], own: own, stems: index.syn[p[1]].filter(hasStem), hint: hint });
    });
    split(text).forEach(function (w) {
      if (index.stopSet[w]) return;
      var inSite = index.known[w] || keyStem(w);
      // A compound the site does not use is read as its parts ("mentorkompetencer": mentor,
      // kompetencer); a section with every part answers it best.
      var parts = !inSite && w.length >= 8 ? compoundParts(w) : null;
      var partStems = (parts || [w]).filter(function (part) { return !index.stopSet[part]; }).map(stemsFor);
      var own = [].concat.apply([], partStems);
      // A compound the site uses also finds its last part, as a synonym would
      // ("mentorforløbet" finds "forløbet").
      var head = [];
      if (inSite && w.length >= 8) {
        var known = splitKnown(w);
        if (known) head = stemsFor(known[known.length - 1]);
      }
      found.push({ word: w, own: own, stems: own.concat(head), parts: partStems.length > 1 ? partStems : null });
    });
    var out = found.map(function (t) {
      return { word: t.word, own: t.own, stems: withSynonyms(t.own.concat(t.stems)), hint: t.hint, parts: t.parts };
    });
    // The question's own words outside a phrase ("får" in "hvordan får jeg en mentor").
    out.asked = split(text).filter(function (w) { return index.q.indexOf(w) !== -1; });
    return out;
  }

  function split(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w; });
  }

  function keyStem(word) {
    for (var i = 0; i < index.keys.length; i++) {
      var root = index.keys[i][0];
      if (word.indexOf(root) === 0 && index.keys[i][1].indexOf(word.slice(root.length)) !== -1) return root;
    }
    return null;
  }

  /** How many sections contain one of `stems`. */
  function sections(stems) {
    return Object.keys(docsWith(stems)).length;
  }

  /** The sections that contain one of `stems`, as a set. */
  function docsWith(stems) {
    var seen = Object.create(null);
    stems.forEach(function (stem) {
      var postings = index.index[stem];
      for (var i = 0; i < postings.length; i += 2) seen[postings[i]] = true;
    });
    return seen;
  }

  function hasStem(stem) {
    return Object.prototype.hasOwnProperty.call(index.index, stem);
  }

  /** The stems a query word stands for; [] for a stop word or a word with no match. */
  function stemsFor(word) {
    if (index.stopSet[word]) return [];
    var key = keyStem(word);
    if (key) return hasStem(key) ? [key] : [];
    if (Object.prototype.hasOwnProperty.call(index.stems, word)) return [index.stems[word]].filter(hasStem);
    if (hasStem(word)) return [word];
    if (word.length < 3) return [];
    // Not in the site: site words that start with the query word, or else the longest site
    // word (at least four letters) the query word starts with ("evalueringsmøderne" ->
    // "evaluering").
    var found = Object.create(null);
    var longest = '';
    index.words.forEach(function (w) {
      if (w.indexOf(word) === 0) found[index.stems[w] || w] = true;
      else if (w.length >= 4 && w.length > longest.length && word.indexOf(w) === 0) longest = w;
    });
    if (!Object.keys(found).length && longest) found[index.stems[longest] || longest] = true;
    if (!Object.keys(found).length) {
      // An inflected form the site never uses ("piloten"): site words that start with it
      // without its ending. (Were that a word of the site, `longest` would have found it.)
      var bare = withoutEnding(word);
      if (bare) index.words.forEach(function (w) { if (w.indexOf(bare) === 0) found[index.stems[w] || w] = true; });
    }
    return Object.keys(found).filter(hasStem);
  }

  /** Inflectional endings per language, the longest first. */
  var ENDINGS = {
    da: ['erne', 'ene', 'ens', 'ets', 'en', 'et', 'er', 'e', 's'],
    sv: ['ornas', 'arnas', 'ernas', 'orna', 'arna', 'erna', 'en', 'et', 'na', 'ar', 'or', 'er', 'n', 't'],
  };

  /** `word` without its inflectional ending (at least four letters left), or null. */
  function withoutEnding(word) {
    var list = ENDINGS[index.lang] || [];
    for (var i = 0; i < list.length; i++) {
      var e = list[i];
      if (word.slice(-e.length) === e && Array.from(word).length - e.length >= 4) return word.slice(0, -e.length);
    }
    return null;
  }

  /** The stems of `words` (of a title or heading), as a set. */
  function stemsOf(words) {
    var stems = Object.create(null);
    words.forEach(function (w) { stems[keyStem(w) || index.stems[w] || w] = true; });
    return stems;
  }

  /** How well a set of stems names a query term: 1 for the word asked, 0.5 for a synonym. */
  function says(stems, term) {
    if (term.own.some(function (s) { return stems[s]; })) return 1;
    return term.stems.some(function (s) { return stems[s]; }) ? 0.5 : 0;
  }

  function search(query) {
    var scores = Object.create(null);
    var hits = Object.create(null);
    // Per section, what more of the query it answers: a hint ("hvor mange" by "højst"), or every
    // part of a compound read as parts.
    var bonus = Object.create(null);
    var found = terms(query);
    var counted = found.filter(function (t) { return t.stems.length; });
    // A term found in more than a quarter of the sections ("mentor", "møde") says little about
    // which one answers: results need not contain it when the query has a rarer term.
    var rare = counted.filter(function (t) { return sections(t.stems) * 4 <= index.docs.length; });
    var required = (rare.length ? rare : counted).filter(function (t) { return !t.hint; });
    var titles = index.titleStems = index.titleStems || index.pages.map(function (page) { return stemsOf(split(page[1])); });
    var seenBy = [];
    counted.forEach(function (term) {
      var seen = Object.create(null);
      var needed = required.indexOf(term) !== -1;
      term.stems.forEach(function (stem) {
        // Postings are flat pairs: section, weight, section, weight, ...
        var postings = index.index[stem];
        // Rarer stems say more about a section: weight by inverse document frequency; a
        // synonym counts half of the word asked for.
        var idf = Math.log(1 + index.docs.length / (postings.length / 2));
        var share = term.own.length && term.own.indexOf(stem) === -1 ? 0.5 : 1;
        for (var i = 0; i < postings.length; i += 2) {
          scores[postings[i]] = (scores[postings[i]] || 0) + postings[i + 1] * idf * share;
          if (term.hint || needed) seen[postings[i]] = true;
        }
      });
      var tally = term.hint ? bonus : hits;
      Object.keys(seen).forEach(function (doc) { tally[doc] = (tally[doc] || 0) + 1; });
      if (needed) seenBy.push(seen);
      if (term.parts) {
        var partsIn = Object.create(null);
        term.parts.forEach(function (stems) {
          Object.keys(docsWith(stems)).forEach(function (doc) { partsIn[doc] = (partsIn[doc] || 0) + 1; });
        });
        Object.keys(partsIn).forEach(function (doc) {
          if (partsIn[doc] === term.parts.length) bonus[doc] = (bonus[doc] || 0) + 1;
        });
      }
    });
    var docs = Object.keys(scores);
    // A section is about what its page's title says: a required term in the title counts as
    // found in every section of the page ("aftaleholderens rolle" finds the section on the
    // aftaleholder in "Roller og ansvar").
    required.forEach(function (term, k) {
      docs.forEach(function (d) {
        if (!seenBy[k][d] && says(titles[index.docs[d][0]], term)) hits[d] = (hits[d] || 0) + 1;
      });
    });
    var all = docs.filter(function (d) { return hits[d] === required.length; });
    var chosen = all.length ? all : docs;
    // A section whose heading (or, at the top of a page, the page's title) says what was asked
    // ranks above one that only mentions it: count the query's terms found there (a synonym
    // counts half), half for each of the question's own words ("får", "vem kan") that the
    // heading repeats, and half for each pair of the query's words ("hur ofta") that stands side
    // by side in the heading or at the start of the section's text.
    var asked = found.asked;
    var words = split(query);
    var pairs = [];
    for (var k = 1; k < words.length; k++) pairs.push(' ' + words[k - 1] + ' ' + words[k] + ' ');
    var named = Object.create(null);
    chosen.forEach(function (d) {
      var doc = index.docs[d];
      var heading = split(doc[1] ? doc[2] : index.pages[doc[0]][1]);
      var stems = stemsOf(heading);
      var n = asked.filter(function (w) { return heading.indexOf(w) !== -1; }).length / 2;
      var near = ' ' + heading.concat(split(doc[3])).join(' ') + ' ';
      n += pairs.filter(function (p) { return near.indexOf(p) !== -1; }).length / 2;
      counted.forEach(function (t) {
        // Below a heading, a term the heading does not name counts half if the page's title does.
        n += says(stems, t) || (doc[1] ? says(titles[doc[0]], t) / 2 : 0);
      });
      // A hint answered, or a compound's every part found, counts as a term the heading names.
      named[d] = n + (bonus[d] || 0);
    });
    chosen.sort(function (a, b) {
      return ((hits[b] || 0) - (hits[a] || 0)) || (named[b] - named[a]) || (scores[b] - scores[a]);
    });
    var stemSet = Object.create(null);
    counted.forEach(function (t) { t.stems.forEach(function (s) { stemSet[s] = true; }); });
    return chosen.slice(0, MAX_RESULTS).map(function (d) {
      // A section is [page, anchor, heading, snippet]; pages are [url, title].
      var doc = index.docs[d];
      var page = index.pages[doc[0]];
      return { url: page[0] + (doc[1] ? '#' + doc[1] : ''), title: page[1], heading: doc[2], snippet: doc[3], stems: stemSet };
    });
  }

  /** Appends `text` to `parent`, wrapping words whose stem was searched for in <mark>. */
  function marked(parent, text, stemSet) {
    var parts = text.split(/([\p{L}\p{N}]+)/u);
    parts.forEach(function (part, i) {
      if (i % 2 === 1) {
        var lower = part.toLowerCase();
        var stem = keyStem(lower) || index.stems[lower] || lower;
        if (stemSet[stem]) {
          var mark = document.createElement('mark');
          mark.textContent = part;
          parent.appendChild(mark);
          return;
        }
      }
      parent.appendChild(document.createTextNode(part));
    });
  }

  function render(query) {
    var started = performance.now();
    results = search(query);
    // How long matching took, for the tests and for anyone curious.
    list.dataset.took = String(performance.now() - started);
    active = -1;
    list.textContent = '';
    input.removeAttribute('aria-activedescendant');
    if (!results.length) {
      var none = document.createElement('p');
      none.className = 'no-results';
      none.textContent = (input.dataset.msgNoResults || '').replace('{query}', query);
      list.appendChild(none);
      live.textContent = none.textContent;
    } else {
      results.forEach(function (r, i) {
        var a = document.createElement('a');
        a.id = 'search-result-' + i;
        a.setAttribute('role', 'option');
        a.setAttribute('aria-selected', 'false');
        a.href = box.dataset.root + r.url;
        a.tabIndex = -1;
        var title = document.createElement('span');
        title.className = 'result-title';
        marked(title, r.title, r.stems);
        a.appendChild(title);
        if (r.heading) {
          var section = document.createElement('span');
          section.className = 'result-section';
          marked(section, r.heading, r.stems);
          a.appendChild(section);
        }
        var snippet = document.createElement('span');
        snippet.className = 'result-snippet';
        marked(snippet, r.snippet, r.stems);
        a.appendChild(snippet);
        list.appendChild(a);
      });
      live.textContent = results.length === 1 ? (input.dataset.msgResultsOne || '')
        : (input.dataset.msgResults || '').replace('{count}', String(results.length));
    }
    open(true);
  }

  function open(yes) {
    list.hidden = !yes;
    input.setAttribute('aria-expanded', yes ? 'true' : 'false');
    if (!yes) input.removeAttribute('aria-activedescendant');
  }

  function select(i) {
    var options = list.querySelectorAll('[role="option"]');
    if (!options.length) return;
    active = (i + options.length) % options.length;
    Array.prototype.forEach.call(options, function (o, n) {
      o.setAttribute('aria-selected', n === active ? 'true' : 'false');
    });
    input.setAttribute('aria-activedescendant', options[active].id);
    options[active].scrollIntoView({ block: 'nearest' });
  }

  var timer = null;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    var query = input.value.trim();
    if (query.length < 2) {
      open(false);
      live.textContent = '';
      return;
    }
    timer = setTimeout(function () { load(function () { render(input.value.trim()); }); }, 60);
  });

  input.addEventListener('focus', function () { load(function () {}); });

  input.addEventListener('keydown', function (event) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (list.hidden && input.value.trim().length >= 2) load(function () { render(input.value.trim()); });
      select(active + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      select(active - 1);
    } else if (event.key === 'Enter') {
      var options = list.querySelectorAll('[role="option"]');
      if (!list.hidden && options.length) {
        event.preventDefault();
        window.location.href = options[Math.max(active, 0)].href;
      }
    } else if (event.key === 'Escape') {
      if (!list.hidden) {
        event.preventDefault();
        open(false);
      } else {
        input.value = '';
      }
    }
  });

  // Close when focus or a click goes elsewhere.
  document.addEventListener('click', function (event) {
    if (!box.contains(event.target)) open(false);
  });

  // This script is loaded by search-boot.js when the reader first focuses or types in the box:
  // take up what the reader has done so far.
  if (document.activeElement === input) load(function () {});
  if (input.value) input.dispatchEvent(new Event('input'));
})();
