"""Search that finds Chinese words (the Chinese edition, ``html_search_language: zh``).

Sphinx's Chinese search language splits the pages' text into words with ``jieba`` when it builds
the index, but leaves the reader's query to the browser's default splitter, which cuts only at
spaces and punctuation: "直播电商" stays one term, while the index holds "直播" and "电商", so a
search for it found nothing. :class:`ChineseSearch` gives the browser a splitter that cuts each run
of Chinese characters into the longest words the index holds (forward maximum matching against the
index's own words, jieba's segmentation as the index recorded it), so the query's words are the
index's words; Latin words split as before. Sphinx's search then lists the pages holding every word.

Sphinx's Chinese search also keeps every Latin word of every page in one list, and asks for each
word it indexes whether the word is in that list: a look through a list that grows with the book,
about two thirds of the time the Chinese index took. :class:`LatinTerms` is that list answering
the question from a set; the index is the same.
"""

from __future__ import annotations

from sphinx.search.zh import SearchChinese

# Replaces searchtools.js's default splitQuery (Sphinx writes it into language_data.js).
JS_SPLITTER = r"""
function splitQuery(query) {
  var index = typeof Search !== "undefined" && Search._index ? Search._index : {};
  var words = Object.assign({}, index.titleterms || {}, index.terms || {});
  var found = [];
  query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu).forEach(function (part) {
    part.split(/(\p{Script=Han}+)/u).forEach(function (run) {
      if (!run) return;
      if (!/\p{Script=Han}/u.test(run)) {
        found.push(run);
        return;
      }
      // The longest word of the index at each place; a character on its own if none.
      for (var start = 0; start < run.length; ) {
        var end = run.length;
        while (end > start + 1 && !Object.prototype.hasOwnProperty.call(words, run.slice(start, end))) end--;
        found.push(run.slice(start, end));
        start = end;
      }
    });
  });
  return found;
}
"""


class LatinTerms(list):
    """Sphinx's list of the Latin words seen (``SearchChinese.latin_terms``), with ``in`` answered
    from a set. Sphinx only extends the list and asks whether a word is in it."""

    def __init__(self, words=()):
        super().__init__(words)
        self._seen = set(self)

    def extend(self, words) -> None:
        words = list(words)
        super().extend(words)
        self._seen.update(words)

    def append(self, word) -> None:
        super().append(word)
        self._seen.add(word)

    def __contains__(self, word) -> bool:
        return word in self._seen


class ChineseSearch(SearchChinese):
    js_splitter_code = JS_SPLITTER

    def init(self, options) -> None:
        super().init(options)
        # An instance's own (Sphinx's is one list on the class, shared by every instance).
        self.latin_terms = LatinTerms()


def setup(app):
    app.add_search_language(ChineseSearch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
