"""The SQL of revision 0003: the ``stat_rollup`` table's triggers and back-fill, for SQLite and PostgreSQL.

Kept apart from the revision so the benchmark's bulk loader can rebuild the rollup with the very same
statement (:func:`rebuild`). It belongs to revision 0003: a later change to the rollup gets a new revision
and a new module, never an edit here.

One rollup row per (``dim``, ``bucket``): ``dim`` is total | month | place | stage | sector | investor and
``bucket`` is ``''`` when the project has no value for it (the live query's NULL group) and ``'=' || value``
otherwise (the investor's organisation name), so an empty string value and "no value" stay apart.

A project contributes exactly what the live ``stats`` query sums for it (see ``query._stat_query``): nothing
when rejected; 1 record and ``coalesce(count, 1)`` projects when top-level; its CNY/USD amounts and the
"amount but no CNY" flag when ``in_totals``. Amounts: PostgreSQL keeps exact NUMERIC sums in ``cny``/``usd``
(the ``_frac`` columns stay 0). SQLite has no decimal type, so it keeps whole yuan in ``cny`` and
ten-thousandths in ``cny_frac``, both 64-bit integers: exact at the columns' 4 decimals, and adding and
subtracting a million times never drifts as floats would.

Triggers run in the writing transaction: a project's insert adds its contribution to every group, an update
of a column the figures read takes the old contribution out and puts the new one in, a delete takes it out
BEFORE the row goes (its sectors and investors are still there; their cascaded deletes then find no project
and do nothing). A link row (sector, investor) moves the project's contribution between its key and the
"none" group.
"""

from __future__ import annotations

from typing import Any

FIGURES = ("records", "projects", "cny", "cny_frac", "usd", "usd_frac", "unconverted")
# Project columns the figures or the groups read: an update touching none of them leaves the rollup alone.
WATCHED = ("status", "parent_id", "count", "in_totals", "amount", "amount_cny", "amount_usd", "month", "place",
           "stage")  # fmt: skip
LINKS = {
    # dim: (table, bucket of link row L, is L counted, the counted links of project X)
    "sector": (
        "project_sectors",
        "'=' || {L}.sector",
        "1 = 1",
        "(SELECT count(*) FROM project_sectors s WHERE s.project_id = {X})",
    ),
    "investor": (
        "project_organisations",
        "'=' || (SELECT o.name FROM organisations o WHERE o.id = {L}.organisation_id)",
        "{L}.role = 'investor'",
        "(SELECT count(*) FROM project_organisations po WHERE po.project_id = {X} AND po.role = 'investor')",
    ),
}


def figures(dialect: str, p: str) -> list[str]:
    """SQL for the seven figures one project row ``p`` contributes (the order of ``FIGURES``)."""
    counted = f"{p}.in_totals IS 1" if dialect == "sqlite" else f"{p}.in_totals IS TRUE"
    top = f"{p}.parent_id IS NULL"

    def amount(column: str) -> list[str]:
        if dialect == "sqlite":
            units = f"CAST(ROUND(COALESCE({p}.{column}, 0) * 10000) AS INTEGER)"
            return [f"CASE WHEN {counted} THEN {units} / 10000 ELSE 0 END",
                    f"CASE WHEN {counted} THEN {units} % 10000 ELSE 0 END"]  # fmt: skip
        return [f"CASE WHEN {counted} THEN COALESCE({p}.{column}, 0) ELSE 0 END", "0"]

    return [
        f"CASE WHEN {top} THEN 1 ELSE 0 END",
        f"CASE WHEN {top} THEN COALESCE({p}.count, 1) ELSE 0 END",
        *amount("amount_cny"),
        *amount("amount_usd"),
        f"CASE WHEN {counted} AND {p}.amount IS NOT NULL AND {p}.amount_cny IS NULL THEN 1 ELSE 0 END",
    ]


def _live(p: str) -> str:
    return f"{p}.status != 'rejected'"


def _buckets(p: str) -> str:
    """Every (dim, bucket) project row ``p`` counts in, given its current sectors and investors."""
    return " UNION ALL ".join([
        "SELECT 'total' AS dim, '' AS bucket",
        *(f"SELECT '{d}', COALESCE('=' || {p}.{d}, '')" for d in ("month", "place", "stage")),
        f"SELECT 'sector', '=' || s.sector FROM project_sectors s WHERE s.project_id = {p}.id",
        f"SELECT 'sector', '' WHERE NOT EXISTS (SELECT 1 FROM project_sectors s WHERE s.project_id = {p}.id)",
        "SELECT 'investor', '=' || o.name FROM project_organisations po JOIN organisations o "
        f"ON o.id = po.organisation_id WHERE po.project_id = {p}.id AND po.role = 'investor'",
        "SELECT 'investor', '' WHERE NOT EXISTS (SELECT 1 FROM project_organisations po "
        f"WHERE po.project_id = {p}.id AND po.role = 'investor')",
    ])  # fmt: skip


_COLUMNS = "dim, bucket, " + ", ".join(FIGURES)
_UPSERT = "ON CONFLICT (dim, bucket) DO UPDATE SET " + ", ".join(
    f"{f} = stat_rollup.{f} + excluded.{f}" for f in FIGURES
)


def _add_project(dialect: str, p: str) -> str:
    return (f"INSERT INTO stat_rollup ({_COLUMNS}) SELECT k.dim, k.bucket, {', '.join(figures(dialect, p))} "
            f"FROM ({_buckets(p)}) AS k WHERE {_live(p)} {_UPSERT}")  # fmt: skip


def _take_project(dialect: str, p: str) -> str:
    # Taking out is an UPDATE, never an insert: a group that is not there has nothing to take from.
    sets = ", ".join(f"{f} = {f} - ({e})" for f, e in zip(FIGURES, figures(dialect, p), strict=True))
    return f"UPDATE stat_rollup SET {sets} WHERE {_live(p)} AND (dim, bucket) IN ({_buckets(p)})"


def _add_for(dialect: str, dim: str, bucket: str, project_id: str, when: str) -> str:
    """Add project ``project_id``'s figures to one group (a link row's statement)."""
    return (f"INSERT INTO stat_rollup ({_COLUMNS}) SELECT '{dim}', {bucket}, {', '.join(figures(dialect, 'p'))} "
            f"FROM projects p WHERE p.id = {project_id} AND {_live('p')} AND {when} {_UPSERT}")  # fmt: skip


def _take_for(dialect: str, dim: str, bucket: str, project_id: str, when: str) -> str:
    named = ", ".join(f"{e} AS f_{f}" for f, e in zip(FIGURES, figures(dialect, "p"), strict=True))
    sets = ", ".join(f"{f} = stat_rollup.{f} - c.f_{f}" for f in FIGURES)
    return (f"UPDATE stat_rollup SET {sets} FROM (SELECT {named} FROM projects p WHERE p.id = {project_id} "
            f"AND {_live('p')}) AS c WHERE stat_rollup.dim = '{dim}' AND stat_rollup.bucket = {bucket} AND {when}")  # fmt: skip


def _link_statements(dialect: str, dim: str, op: str) -> list[str]:
    """What an INSERT / DELETE / UPDATE of one link row does to the rollup, in order."""
    _, bucket, counted, links = LINKS[dim]
    out: list[str] = []
    if op in ("DELETE", "UPDATE"):
        old_bucket, old_counted = bucket.format(L="OLD"), counted.format(L="OLD")
        remaining = links.format(X="OLD.project_id")
        if op == "UPDATE":  # the updated row is already there: the "after delete" state is without it
            new_counted = counted.format(L="NEW")
            remaining += f" - CASE WHEN NEW.project_id = OLD.project_id AND {new_counted} THEN 1 ELSE 0 END"
        out.append(_take_for(dialect, dim, old_bucket, "OLD.project_id", old_counted))
        out.append(_add_for(dialect, dim, "''", "OLD.project_id", f"{old_counted} AND {remaining} = 0"))
    if op in ("INSERT", "UPDATE"):
        new_bucket, new_counted = bucket.format(L="NEW"), counted.format(L="NEW")
        out.append(_add_for(dialect, dim, new_bucket, "NEW.project_id", new_counted))
        first = f"{new_counted} AND {links.format(X='NEW.project_id')} = 1"
        out.append(_take_for(dialect, dim, "''", "NEW.project_id", first))
    return out


def _changed(dialect: str) -> str:
    differs = "IS NOT" if dialect == "sqlite" else "IS DISTINCT FROM"
    return " OR ".join(f"OLD.{c} {differs} NEW.{c}" for c in WATCHED)


TRIGGERS = ("zw_rollup_project_insert", "zw_rollup_project_update", "zw_rollup_project_delete",
            *(f"zw_rollup_{dim}_{op.lower()}" for dim in LINKS for op in ("INSERT", "UPDATE", "DELETE")))  # fmt: skip


def sqlite_statements() -> list[str]:
    """CREATE TRIGGER statements for SQLite."""

    def trigger(name: str, when: str, table: str, body: list[str], condition: str = "") -> str:
        cond = f" WHEN {condition}" if condition else ""
        return f"CREATE TRIGGER {name} {when} ON {table} FOR EACH ROW{cond} BEGIN {'; '.join(body)}; END"

    watched = ", ".join(WATCHED)
    out = [
        trigger("zw_rollup_project_insert", "AFTER INSERT", "projects", [_add_project("sqlite", "NEW")]),
        trigger("zw_rollup_project_update", f"AFTER UPDATE OF {watched}", "projects",
                [_take_project("sqlite", "OLD"), _add_project("sqlite", "NEW")], _changed("sqlite")),
        trigger("zw_rollup_project_delete", "BEFORE DELETE", "projects", [_take_project("sqlite", "OLD")]),
    ]  # fmt: skip
    for dim, (table, *_) in LINKS.items():
        for op in ("INSERT", "UPDATE", "DELETE"):
            timing = f"AFTER {op}"
            out.append(trigger(f"zw_rollup_{dim}_{op.lower()}", timing, table, _link_statements("sqlite", dim, op)))
    return out


def _pg_link_function(dim: str, op: str) -> str:
    """A statement-level PostgreSQL trigger function over the transition tables of one INSERT/UPDATE/DELETE.

    Row-level AFTER triggers would all run at the end of a multi-row statement and see every row already
    there, so "is this the project's first sector?" could not be asked row by row. Set-wise instead: each
    project's counted links before the statement = now - inserted + deleted, and the project leaves (or
    joins) its "none" group when that goes from 0 to more (or back).
    """
    _, bucket, counted, links = LINKS[dim]
    sides = {"INSERT": [("new_rows", 1)], "DELETE": [("old_rows", -1)], "UPDATE": [("old_rows", -1), ("new_rows", 1)]}
    named = ", ".join(f"SUM({e}) AS f_{f}" for f, e in zip(FIGURES, figures("postgresql", "p"), strict=True))
    body = []
    for rows, sign in sides[op]:
        grouped = (f"SELECT '{dim}' AS dim, {bucket.format(L='l')} AS bucket, {named} FROM {rows} l "
                   f"JOIN projects p ON p.id = l.project_id WHERE {_live('p')} AND {counted.format(L='l')} "
                   "GROUP BY 2")  # fmt: skip
        if sign < 0:
            sets = ", ".join(f"{f} = stat_rollup.{f} - c.f_{f}" for f in FIGURES)
            body.append(f"UPDATE stat_rollup SET {sets} FROM ({grouped}) AS c "
                        "WHERE stat_rollup.dim = c.dim AND stat_rollup.bucket = c.bucket")  # fmt: skip
        else:
            body.append(f"INSERT INTO stat_rollup ({_COLUMNS}) SELECT dim, bucket, "
                        f"{', '.join('f_' + f for f in FIGURES)} FROM ({grouped}) AS c {_UPSERT}")  # fmt: skip
    moved = " UNION ALL ".join(
        f"SELECT l.project_id, {-sign} AS n FROM {rows} l WHERE {counted.format(L='l')}" for rows, sign in sides[op]
    )
    delta = f"SELECT project_id, SUM(n) AS back FROM ({moved}) AS m GROUP BY project_id"
    # back: what to add to today's count to get the count before the statement
    for before, now, sign in (("= 0", "> 0", -1), ("> 0", "= 0", 1)):
        none = (f"SELECT '{dim}' AS dim, '' AS bucket, {named} FROM ({delta}) AS d JOIN projects p ON p.id = d.project_id "
                f"WHERE {_live('p')} AND {links.format(X='p.id')} + d.back {before} "
                f"AND {links.format(X='p.id')} {now}")  # fmt: skip
        if sign < 0:
            sets = ", ".join(f"{f} = stat_rollup.{f} - c.f_{f}" for f in FIGURES)
            body.append(f"UPDATE stat_rollup SET {sets} FROM ({none}) AS c "
                        "WHERE stat_rollup.dim = c.dim AND stat_rollup.bucket = c.bucket AND c.f_records IS NOT NULL")  # fmt: skip
        else:
            body.append(f"INSERT INTO stat_rollup ({_COLUMNS}) SELECT dim, bucket, "
                        f"{', '.join('f_' + f for f in FIGURES)} FROM ({none}) AS c WHERE c.f_records IS NOT NULL "
                        f"{_UPSERT}")  # fmt: skip
    return (f"CREATE FUNCTION zw_rollup_{dim}_{op.lower()}() RETURNS trigger LANGUAGE plpgsql AS $zw$ BEGIN "
            f"{'; '.join(body)}; RETURN NULL; END $zw$")  # fmt: skip


def postgresql_statements() -> list[str]:
    """PL/pgSQL trigger functions and their triggers for PostgreSQL."""
    watched = ", ".join(WATCHED)
    out = [
        "CREATE FUNCTION zw_rollup_project() RETURNS trigger LANGUAGE plpgsql AS $zw$ BEGIN "
        f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {_take_project('postgresql', 'OLD')}; END IF; "
        f"IF TG_OP IN ('UPDATE', 'INSERT') THEN {_add_project('postgresql', 'NEW')}; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW; END $zw$",
        "CREATE TRIGGER zw_rollup_project_insert AFTER INSERT ON projects FOR EACH ROW "
        "EXECUTE FUNCTION zw_rollup_project()",
        f"CREATE TRIGGER zw_rollup_project_update AFTER UPDATE OF {watched} ON projects FOR EACH ROW "
        f"WHEN ({_changed('postgresql')}) EXECUTE FUNCTION zw_rollup_project()",
        "CREATE TRIGGER zw_rollup_project_delete BEFORE DELETE ON projects FOR EACH ROW "
        "EXECUTE FUNCTION zw_rollup_project()",
    ]  # fmt: skip
    tables = {"INSERT": "NEW TABLE AS new_rows", "DELETE": "OLD TABLE AS old_rows",
              "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows"}  # fmt: skip
    for dim, (table, *_) in LINKS.items():
        for op in ("INSERT", "UPDATE", "DELETE"):
            out.append(_pg_link_function(dim, op))
            out.append(f"CREATE TRIGGER zw_rollup_{dim}_{op.lower()} AFTER {op} ON {table} "
                       f"REFERENCING {tables[op]} FOR EACH STATEMENT EXECUTE FUNCTION zw_rollup_{dim}_{op.lower()}()")  # fmt: skip
    return out


def drop_statements(dialect: str) -> list[str]:
    """Statements that remove the triggers (and PostgreSQL's functions)."""
    tables = {"project": "projects", **{dim: table for dim, (table, *_) in LINKS.items()}}
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS]
    out = [f"DROP TRIGGER IF EXISTS {name} ON {tables[name.split('_')[2]]}" for name in TRIGGERS]
    functions = ["zw_rollup_project", *(n for n in TRIGGERS if not n.startswith("zw_rollup_project_"))]
    return out + [f"DROP FUNCTION IF EXISTS {name}()" for name in functions]


def backfill_statements(dialect: str) -> list[str]:
    """Empty the rollup and fill it from the live tables (the live query's figures, grouped the same way)."""
    e = ", ".join(f"{x} AS {f}" for f, x in zip(FIGURES, figures(dialect, "p"), strict=True))
    live = _live("p")
    parts = [
        f"SELECT 'total' AS dim, '' AS bucket, {e} FROM projects p WHERE {live}",
        *(f"SELECT '{d}', COALESCE('=' || p.{d}, ''), {e} FROM projects p WHERE {live}"
          for d in ("month", "place", "stage")),
        f"SELECT 'sector', COALESCE('=' || s.sector, ''), {e} FROM projects p "
        f"LEFT JOIN project_sectors s ON s.project_id = p.id WHERE {live}",
        f"SELECT 'investor', COALESCE('=' || o.name, ''), {e} FROM projects p "
        "LEFT JOIN project_organisations po ON po.project_id = p.id AND po.role = 'investor' "
        f"LEFT JOIN organisations o ON o.id = po.organisation_id WHERE {live}",
    ]  # fmt: skip
    sums = ", ".join(f"SUM({f})" for f in FIGURES)
    return [
        "DELETE FROM stat_rollup",
        f"INSERT INTO stat_rollup ({_COLUMNS}) SELECT dim, bucket, {sums} FROM ({' UNION ALL '.join(parts)}) AS c "
        "GROUP BY dim, bucket",
    ]


def rebuild(conn: Any) -> None:
    """Recompute the whole rollup on a SQLAlchemy connection (after a load that bypassed the triggers)."""
    for statement in backfill_statements(conn.dialect.name):
        conn.exec_driver_sql(statement)
