"""The SQL of revision 0004: on PostgreSQL, the rollup follows INSERTs and UPDATEs of ``projects`` per statement.

Revision 0003 kept ``stat_rollup`` in step with one trigger call per project row: each call ran a PL/pgSQL
function whose upsert touched the project's seven groups, so a document of ten projects made ten calls and
seventy row updates of the few hottest rollup rows ("total", the month, the stage...). Here one call per
statement reads the statement's rows from its transition table (``new_rows`` / ``old_rows``), groups their
figures by (dim, bucket) and upserts each group once: a batch of projects written in one multi-row INSERT
costs one upsert per group it touches.

What each project contributes, and to which groups, is 0003's SQL (``rollup_0003.figures`` and ``_buckets``),
so the figures cannot drift apart from the back-fill. Two things stay as 0003 left them:

- deletes: the BEFORE DELETE row trigger takes a project out while its sectors and investors are still there
  (an AFTER statement trigger would run after the cascade removed them, and a BEFORE trigger has no
  transition table). Deleting projects is rare (a merge, a document's withdrawal);
- SQLite, which has no statement-level triggers: 0004 changes nothing there.

A statement trigger with transition tables cannot name columns (``UPDATE OF``) nor have a ``WHEN``, so the
UPDATE function itself keeps only the rows whose watched columns changed (0003's ``WATCHED``).

Two shortcuts, each from a fact 0003's general SQL did not use:

- a project just inserted has no sector and no investor: the link tables' foreign keys need the project
  first, so its sectors and investors come in later statements, whose triggers move it out of the "none"
  groups. The INSERT function puts it in those groups without looking the link tables up;
- an INSERT of link rows can only take a project out of its "none" group (it had no such link before and
  has one now), a DELETE only put one in: 0003's functions ran both checks for either. Its functions for
  the link tables' INSERT and DELETE are replaced by ones running the one check that can match, as one
  count per project instead of two. The writer inserts links row by row (executemany), so these run once
  per link row: at 1,000 documents they were 70% of the rollup's server time.
"""

from __future__ import annotations

from zonewatch.ledger.migrations import rollup_0003 as r3

INSERT_FUNCTION = "zw_rollup_projects_insert"
UPDATE_FUNCTION = "zw_rollup_projects_update"


def _sums(p: str) -> str:
    return ", ".join(f"SUM({e}) AS f_{f}" for f, e in zip(r3.FIGURES, r3.figures("postgresql", p), strict=True))


def _grouped(source: str, p: str, where: str, buckets: str | None = None) -> str:
    """Figures of the rows ``p`` of ``source`` (a FROM clause) summed per (dim, bucket) they count in."""
    buckets = buckets or r3._buckets(p)
    return (f"SELECT k.dim, k.bucket, {_sums(p)} FROM {source} CROSS JOIN LATERAL ({buckets}) AS k "
            f"WHERE {r3._live(p)} AND {where} GROUP BY k.dim, k.bucket")  # fmt: skip


def _add(grouped: str) -> str:
    columns = ", ".join("c.f_" + f for f in r3.FIGURES)
    return (
        f"INSERT INTO stat_rollup ({r3._COLUMNS}) SELECT c.dim, c.bucket, {columns} FROM ({grouped}) AS c {r3._UPSERT}"
    )


def _take(grouped: str) -> str:
    # An UPDATE, as in 0003: a group that is not there has nothing to take from.
    sets = ", ".join(f"{f} = stat_rollup.{f} - c.f_{f}" for f in r3.FIGURES)
    return (f"UPDATE stat_rollup SET {sets} FROM ({grouped}) AS c "
            "WHERE stat_rollup.dim = c.dim AND stat_rollup.bucket = c.bucket")  # fmt: skip


def _changed(o: str, n: str) -> str:
    return "(" + " OR ".join(f"{o}.{c} IS DISTINCT FROM {n}.{c}" for c in r3.WATCHED) + ")"


def _inserted_buckets(p: str) -> str:
    """The groups a project just inserted counts in: no sector and no investor yet (see the module's notes)."""
    return " UNION ALL ".join([
        "SELECT 'total' AS dim, '' AS bucket",
        *(f"SELECT '{d}', COALESCE('=' || {p}.{d}, '')" for d in ("month", "place", "stage")),
        "SELECT 'sector', ''",
        "SELECT 'investor', ''",
    ])  # fmt: skip


def _link_function(dim: str, op: str) -> str:
    """0003's function for an INSERT or DELETE of one link table, with only the "none" move that can happen."""
    _, bucket, counted, links = r3.LINKS[dim]
    rows = "new_rows" if op == "INSERT" else "old_rows"
    sums = _sums("p")
    per_key = (f"SELECT '{dim}' AS dim, {bucket.format(L='l')} AS bucket, {sums} FROM {rows} l "
               f"JOIN projects p ON p.id = l.project_id WHERE {r3._live('p')} AND {counted.format(L='l')} "
               "GROUP BY 2")  # fmt: skip
    if op == "INSERT":
        # The project had none of these links before iff all the ones it has now came in this statement.
        moved = (f"SELECT l.project_id, count(*) AS n FROM new_rows l WHERE {counted.format(L='l')} "
                 "GROUP BY l.project_id")  # fmt: skip
        left = "k.now = d.n"
    else:
        moved = f"SELECT DISTINCT l.project_id, 0 AS n FROM old_rows l WHERE {counted.format(L='l')}"
        left = "k.now = 0"
    # The count is LATERAL to the moved projects so it runs for them only: written as a condition on the
    # projects row, the planner evaluated it for every project it scanned (35 ms per document at 1,000 docs).
    none = (f"SELECT '{dim}' AS dim, '' AS bucket, {sums} FROM ({moved}) AS d "
            f"CROSS JOIN LATERAL (SELECT {links.format(X='d.project_id')} AS now) AS k "
            f"JOIN projects p ON p.id = d.project_id WHERE {r3._live('p')} AND {left}")  # fmt: skip
    guarded = f"SELECT * FROM ({none}) AS g WHERE g.f_records IS NOT NULL"  # an aggregate of no rows is one NULL row
    body = [_add(per_key), _take(guarded)] if op == "INSERT" else [_take(per_key), _add(guarded)]
    return (f"CREATE OR REPLACE FUNCTION zw_rollup_{dim}_{op.lower()}() RETURNS trigger LANGUAGE plpgsql AS $zw$ "
            f"BEGIN {'; '.join(body)}; RETURN NULL; END $zw$")  # fmt: skip


LINK_FUNCTIONS = [(dim, op) for dim in r3.LINKS for op in ("INSERT", "DELETE")]


def postgresql_statements() -> list[str]:
    """Replace 0003's per-row INSERT and UPDATE triggers on ``projects`` by per-statement ones."""
    # Aliases unlike any of _buckets' own (s, po, o, k): its subqueries read the project's id as "{p}.id".
    both = "old_rows old_p JOIN new_rows new_p ON new_p.id = old_p.id"
    changed = _changed("old_p", "new_p")
    return [
        "DROP TRIGGER IF EXISTS zw_rollup_project_insert ON projects",
        "DROP TRIGGER IF EXISTS zw_rollup_project_update ON projects",
        f"CREATE FUNCTION {INSERT_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $zw$ BEGIN "
        f"{_add(_grouped('new_rows new_p', 'new_p', 'TRUE', _inserted_buckets('new_p')))}; RETURN NULL; END $zw$",
        f"CREATE FUNCTION {UPDATE_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $zw$ BEGIN "
        f"{_take(_grouped(both, 'old_p', changed))}; "
        f"{_add(_grouped(both, 'new_p', changed))}; RETURN NULL; END $zw$",
        f"CREATE TRIGGER {INSERT_FUNCTION} AFTER INSERT ON projects REFERENCING NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {INSERT_FUNCTION}()",
        f"CREATE TRIGGER {UPDATE_FUNCTION} AFTER UPDATE ON projects "
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {UPDATE_FUNCTION}()",
        *(_link_function(dim, op) for dim, op in LINK_FUNCTIONS),
    ]


def postgresql_downgrade() -> list[str]:
    """Back to 0003's per-row triggers (its statements, as 0003 created them); the rollup's rows stay valid."""
    again = [s for s in r3.postgresql_statements()
             if s.startswith(("CREATE TRIGGER zw_rollup_project_insert ", "CREATE TRIGGER zw_rollup_project_update "))]  # fmt: skip
    return [
        *(f"DROP TRIGGER IF EXISTS {name} ON projects" for name in (INSERT_FUNCTION, UPDATE_FUNCTION)),
        *(f"DROP FUNCTION IF EXISTS {name}()" for name in (INSERT_FUNCTION, UPDATE_FUNCTION)),
        *again,
        # 0003's link functions, as it created them (the triggers calling them never changed)
        *(
            r3._pg_link_function(dim, op).replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)
            for dim, op in LINK_FUNCTIONS
        ),
    ]
