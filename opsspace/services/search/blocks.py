"""What a search decodes from the index, kept per process: posting blocks, and the length of each
document's fields.

Whoosh stores each word's postings in blocks of up to 128 documents: a header (how many, the last document,
the best weight, the shortest and longest text), then the document numbers, weights and positions pickled
together and compressed. A search reads the headers of the blocks it walks, and unpickles the blocks it
cannot skip whole: all of a block, positions too, even when only its documents and weights are needed. At
100,000 documents "service desk" (two words, each in about two documents of five) spent 40 % of its time
there, on every search.

A segment's postings never change once written (deletions are kept apart), so a block read once can be
kept: its header, and, once a search has needed them, its document numbers and weights, in compact arrays
(8 bytes a posting, where the decoded block took about 40 bytes and the positions were decoded with it).
Blocks are kept by (segment, offset), so they outlive the searcher that read them: a new searcher opened
after a write reads the same segments. The least recently used go first past `SEARCH_BLOCK_CACHE_MB` per
process (0 turns this off). Positions (phrases, snippets) are read from the file as before.

With the blocks at hand, the rest of the time was Whoosh walking them: moving to a document went through
the block one posting at a time (now a binary search), and each score asked for the document's field
length through five calls and a file read (now one array per segment and field, 4 bytes a document).
Together, over the benchmark's twelve one- and two-word questions at 100,000 documents, a search took 1.5
to 2.6 times less ("service desk" 149 → 67 ms); the twelve kept 2 MB of blocks. The first search of a word
in a process still reads its blocks from the file. tests/unit/test_search_blocks.py compares what searches
find and score with Whoosh's own code, block by block.
"""
import threading
from array import array
from bisect import bisect_left
from collections import OrderedDict

from whoosh import reading, scoring
from whoosh.codec import whoosh3
from whoosh.matching import ReadTooFar
from whoosh.util.numeric import byte_to_length

_SEGMENT = "_opsspace_segment"  # set on each segment's postings file: the segment's id
_HEADER = ("_blocklength", "_maxid", "_maxweight", "_compression", "_minlength", "_maxlength", "_lastblock",
           "_nextoffset", "_dataoffset")
_ENTRY_BYTES = 300  # a kept header: the key, the entry, the tuple and its values, the dict's slot
_IDS, _WEIGHTS = 1, 2  # places in an entry: [header, document numbers, weights]


class BlockCache:
    """Posting blocks by (segment id, offset), the least recently used dropped past `max_bytes`."""

    def __init__(self, max_bytes: int = 0):
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def add(self, key, entry: list) -> None:
        with self._lock:
            if key not in self._entries:
                self._entries[key] = entry
                self.bytes += _ENTRY_BYTES
                self._trim()

    def fill(self, key, entry: list, place: int, values: array) -> None:
        """Keep a block's document numbers or weights, decoded (a block dropped meanwhile stays dropped)."""
        with self._lock:
            if entry[place] is None and self._entries.get(key) is entry:
                entry[place] = values
                self.bytes += values.itemsize * len(values) + 64
                self._trim()

    def resize(self, max_bytes: int) -> None:
        with self._lock:
            self.max_bytes = max_bytes
            self._trim()

    def __len__(self) -> int:
        return len(self._entries)

    def _trim(self) -> None:
        while self.bytes > self.max_bytes and self._entries:
            _key, dropped = self._entries.popitem(last=False)
            self.bytes -= _ENTRY_BYTES + sum(values.itemsize * len(values) + 64
                                             for values in dropped[_IDS:] if values is not None)


CACHE = BlockCache()

_terms_reader = whoosh3.W3Codec.terms_reader
_goto = whoosh3.W3LeafMatcher._goto
_read_ids = whoosh3.W3LeafMatcher._read_ids
_read_weights = whoosh3.W3LeafMatcher._read_weights


def _tagged_terms_reader(self, storage, segment):
    reader = _terms_reader(self, storage, segment)
    setattr(reader._postfile, _SEGMENT, segment.segment_id())
    return reader


def _kept_goto(self, position):
    segment = getattr(self._postfile, _SEGMENT, None)
    if segment is None or not CACHE.max_bytes:  # term vectors, or keeping turned off
        self._kept = None
        return _goto(self, position)
    key = (segment, position)
    entry = CACHE.get(key)
    if entry is None:
        _goto(self, position)
        entry = [tuple(getattr(self, name) for name in _HEADER), None, None]
        CACHE.add(key, entry)
    else:
        (self._blocklength, self._maxid, self._maxweight, self._compression, self._minlength, self._maxlength,
         self._lastblock, self._nextoffset, self._dataoffset) = entry[0]
        self._data = self._values = None
        self._ids, self._weights = entry[_IDS], entry[_WEIGHTS]
        self._i = 0
    self._kept = (key, entry)


def _kept_read_ids(self):
    _read_ids(self)
    kept = getattr(self, "_kept", None)
    if kept is not None:
        self._ids = array("I", self._ids)
        CACHE.fill(kept[0], kept[1], _IDS, self._ids)


def _kept_read_weights(self):
    _read_weights(self)
    kept = getattr(self, "_kept", None)
    if kept is not None:
        if not isinstance(self._weights, array):
            self._weights = array("f", self._weights)
        CACHE.fill(kept[0], kept[1], _WEIGHTS, self._weights)


def _skip_to(self, targetid):
    """W3LeafMatcher.skip_to, with a binary search in the block instead of stepping through it."""
    if not self.is_active():
        raise ReadTooFar
    if targetid <= self.id():
        return
    if targetid > self._maxid:
        self._skip_to_block(lambda: targetid > self._maxid)
        if not self.is_active():
            return
    if self._ids is None:
        self._read_ids()
    self._i = bisect_left(self._ids, targetid, self._i)  # the block's last id is at least targetid


class SegmentKept:
    """Values read whole from index segments, kept while the segments live: at most `limit`, the least
    recently added dropped first. Callers must not change what they get."""

    def __init__(self, limit: int = 64):
        self.limit = limit
        self._values: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, load):
        """The value kept under `key` (a segment id, or ids), or `load()`, kept (None is not kept)."""
        with self._lock:
            found = self._values.get(key)
        if found is None:
            found = load()
            if found is not None:
                with self._lock:
                    self._values[key] = found
                    while len(self._values) > self.limit:
                        self._values.popitem(last=False)
        return found


_LENGTHS = SegmentKept()  # (segment id, field) -> each document's length in it
_BYTE_LENGTHS = [byte_to_length(n) for n in range(256)]  # Whoosh keeps a length in one byte
_setup = scoring.WeightLengthScorer.setup


def field_lengths(reader, fieldname: str) -> array | None:
    """Each document's length in `fieldname` in the segment `reader` reads (as doc_field_length gives
    it), read once while the segment lives; None when the segment keeps no lengths for the field."""
    perdoc = getattr(reader, "_perdoc", None)
    if type(reader) is not reading.SegmentReader or not isinstance(perdoc, whoosh3.W3PerDocReader):
        return None

    def load():
        column = perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        if column is None or getattr(column, "_typecode", None) != "B":  # not the one-byte column read here
            return None
        raw = column._dbfile.get(column._basepos, column._count)  # one byte a document
        lengths = array("I", (_BYTE_LENGTHS[n] for n in raw))
        lengths.extend([_BYTE_LENGTHS[0]] * (perdoc.doc_count_all() - len(lengths)))  # the column's default
        return lengths

    return _LENGTHS.get((reader.segment().segment_id(), fieldname), load)


def _direct_setup(self, searcher, fieldname, text):
    """WeightLengthScorer.setup, with the field's lengths read from the segment's array."""
    _setup(self, searcher, fieldname, text)
    if getattr(self, "dfl", None) is not None:
        lengths = field_lengths(searcher.reader(), fieldname)
        if lengths is not None:
            self.dfl = lengths.__getitem__


_PATCHES = {(whoosh3.W3Codec, "terms_reader"): _tagged_terms_reader, (whoosh3.W3LeafMatcher, "_goto"): _kept_goto,
            (whoosh3.W3LeafMatcher, "_read_ids"): _kept_read_ids,
            (whoosh3.W3LeafMatcher, "_read_weights"): _kept_read_weights,
            (whoosh3.W3LeafMatcher, "skip_to"): _skip_to, (scoring.WeightLengthScorer, "setup"): _direct_setup}
RELEASED = {place: getattr(*place) for place in _PATCHES}  # Whoosh's own (the tests compare both)


def apply() -> None:
    """Keep decoded blocks (up to CACHE.max_bytes, set by the application: see index.index_state) and
    field lengths, and walk blocks by binary search."""
    for (owner, name), function in _PATCHES.items():
        setattr(owner, name, function)


def remove() -> None:
    """Whoosh's own methods again (searchers opened meanwhile read their postings without keeping them)."""
    for (owner, name), function in RELEASED.items():
        setattr(owner, name, function)
