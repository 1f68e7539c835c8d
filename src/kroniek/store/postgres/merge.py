"""The merge index on PostgreSQL: the blocking-key lookup as one statement over arrays."""
from __future__ import annotations

from collections import Counter

from ...events.online import BlockQuery
from ...events.records import stable_hash
from ..sql.db import chunks
from ..sql.merge import SQLMergeIndex

#: Block queries sent in one statement (each an array element, so the statement is planned once).
QUERIES_PER_STATEMENT = 2000

# Each query is two ordered, limited scans of merge_keys' primary key: the latest `cap` entries at or
# before its center day, and the earliest `cap` after it (as in the shared statement it replaces).
_LOOKUP = (
    "SELECT m.event_id, q.n FROM unnest(?::int[], ?::bigint[], ?::int[], ?::int[], ?::int[], ?::int[])"
    " AS q(n, key, lo, center, hi, cap) CROSS JOIN LATERAL ("
    "(SELECT event_id FROM merge_keys WHERE key = q.key AND day >= q.lo AND day <= q.center"
    " ORDER BY day DESC, event_id DESC LIMIT q.cap)"
    " UNION ALL "
    "(SELECT event_id FROM merge_keys WHERE key = q.key AND day > q.center AND day <= q.hi"
    " ORDER BY day, event_id LIMIT q.cap)) AS m")


class PgMergeIndex(SQLMergeIndex):
    """:class:`~kroniek.store.sql.merge.SQLMergeIndex` with the lookup sent as arrays."""

    def lookup(self, queries: list[BlockQuery]) -> dict[int, Counter]:
        """Event id → kind of key → hits, for every block query (see ``MergeIndex.lookup``)."""
        out: dict[int, Counter] = {}
        for part in chunks(queries, QUERIES_PER_STATEMENT):
            params = (list(range(len(part))), [stable_hash(q.key) for q in part], [q.lo for q in part],
                      [q.center for q in part], [q.hi for q in part], [q.cap for q in part])
            for event_id, n in self.db.execute(_LOOKUP, params):
                out.setdefault(event_id, Counter())[part[n].kind] += 1
        return out
