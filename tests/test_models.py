"""The schema on a real SQLite file and a real PostgreSQL database; migrations."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError

from desktop.domain.errors import DaftarError
from desktop.models import db as dbmod
from desktop.models.base import Base
from desktop.models.db import current_revision, head_revision, open_database
from desktop.models.entities import Grade, Student
from desktop.services.demo import build_demo


def test_head_constant_is_alembics_head():
    from desktop.migrations import HEAD

    assert HEAD == head_revision()


def test_sqlite_pragmas(db):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_schema_matches_models_after_migration(any_db):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with any_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                Base.metadata)
    assert diff == []
    assert current_revision(any_db.engine) == head_revision()


def _a_student(db) -> dict:
    build_demo(db, students=30, year=1405)
    with db.unit() as s:
        st = s.scalars(select(Student).limit(1)).one()
        return {c.name: getattr(st, c.key) for c in Student.__table__.columns if c.name != "id"}


def test_constraints_hold_on_both_backends(any_db):
    row = _a_student(any_db)
    # the same national code twice
    with pytest.raises(IntegrityError), any_db.unit() as s:
        s.execute(insert(Student), [row])
    # neither a national code nor a foreign id
    with pytest.raises(IntegrityError), any_db.unit() as s:
        s.execute(insert(Student), [{**row, "national_code": None, "record_code": None}])
    # both at once
    with pytest.raises(IntegrityError), any_db.unit() as s:
        s.execute(insert(Student), [{**row, "national_code": "0499370899",
                                     "foreign_id_type": "fida", "foreign_id_value": "1" * 12}])
    with any_db.unit() as s:
        g = s.scalars(select(Grade).where(Grade.value_centi.is_not(None)).limit(1)).one()
        base = dict(sheet_id=g.sheet_id, student_id=g.student_id, updated_by="t")
    for bad in ({"value_centi": 2001}, {"value_centi": -1}, {"level": 5},
                {"mark": "sick"}, {"value_centi": 1500, "mark": "absent"}, {}):
        with pytest.raises(IntegrityError), any_db.unit() as s:
            s.execute(insert(Grade), [{**base, "component": "x1", **bad}])
    # a foreign key to nowhere
    with pytest.raises(IntegrityError), any_db.unit() as s:
        s.execute(insert(Grade), [{**base, "student_id": 999999, "component": "x1",
                                   "value_centi": 1000}])


def test_a_failed_unit_of_work_leaves_nothing(any_db):
    row = _a_student(any_db)
    with any_db.unit() as s:
        before = s.scalar(select(Student.id).order_by(Student.id.desc()).limit(1))
    with pytest.raises(RuntimeError), any_db.unit() as s:
        s.execute(insert(Student), [{**row, "national_code": "0499370899", "record_code": None}])
        raise RuntimeError("power cut")
    with any_db.unit() as s:
        assert s.scalar(select(Student.id).order_by(Student.id.desc()).limit(1)) == before


def test_upgrade_backs_up_then_migrates(tmp_path, monkeypatch):
    """A copy of the shipped migrations with one more revision: the old file is copied
    aside first, then upgraded, and its data survives."""
    path = tmp_path / "school.sqlite"
    db = open_database(path)
    build_demo(db, students=30, year=1405)
    db.dispose()

    scripts = tmp_path / "migrations"
    shutil.copytree(dbmod.MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "9999_test_extra.py").write_text(
        '"""test revision"""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n"
        f"revision = '9999'\ndown_revision = {head_revision()!r}\n"
        "branch_labels = None\ndepends_on = None\n"
        "def upgrade():\n"
        "    with op.batch_alter_table('student') as b:\n"
        "        b.add_column(sa.Column('nickname', sa.String(50), nullable=True))\n"
        "def downgrade():\n    pass\n", encoding="utf-8")
    shipped_head = head_revision()
    monkeypatch.setattr(dbmod, "MIGRATIONS", scripts)
    dbmod.head_revision.cache_clear()
    try:
        db = open_database(path)
        assert current_revision(db.engine) == "9999"
        backups = list(tmp_path.glob(f"school.before-{shipped_head}-*.sqlite"))
        assert len(backups) == 1
        old = sqlite3.connect(backups[0])
        assert old.execute("select version_num from alembic_version").fetchone() == (
            shipped_head,)
        assert old.execute("select count(*) from student").fetchone() == (30,)
        old.close()
        with db.engine.connect() as conn:
            assert conn.execute(text("select count(nickname) from student")).scalar() == 0
            assert conn.execute(text("select count(*) from student")).scalar() == 30
        db.dispose()
    finally:
        dbmod.head_revision.cache_clear()


def test_a_database_of_the_first_released_schema_upgrades_with_its_data(tmp_path):
    """Revision 0001 is what the first release wrote; its files must open in this one."""
    from alembic import command

    path = tmp_path / "v1.sqlite"
    engine = dbmod.make_engine(path)
    with engine.begin() as conn:
        command.upgrade(dbmod._alembic_config(conn), "0001")
        conn.exec_driver_sql(
            "INSERT INTO school (code, name, district, province, stages, created_at) "
            "VALUES ('12345678', 'دبیرستان قدیمی', 'منطقه ۱', 'تهران', 'upper_secondary', "
            "'2026-01-01 00:00:00')")
    engine.dispose()
    db = open_database(path)
    try:
        assert current_revision(db.engine) == head_revision()
        assert list(tmp_path.glob("v1.before-0001-*.sqlite"))
        with db.engine.connect() as conn:
            assert conn.execute(text("select name from school")).scalar() == "دبیرستان قدیمی"
            assert conn.execute(text("select count(*) from teaching")).scalar() == 0
    finally:
        db.dispose()


def test_newer_database_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.sqlite"
    open_database(path).dispose()
    con = sqlite3.connect(path)
    con.execute("update alembic_version set version_num = 'zzzz'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DaftarError) as e:
        open_database(path)
    assert e.value.code == "db.newer"
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"this is a workbook, not a database" * 10,
                                     b"PK\x03\x04" + b"\x00" * 100])
def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path, content):
    path = tmp_path / "grades.sqlite"
    path.write_bytes(content)
    with pytest.raises(DaftarError) as e:
        open_database(path)
    assert e.value.code == "db.not_daftar"
    assert path.read_bytes() == content


def test_a_foreign_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    con = sqlite3.connect(path)
    con.execute("create table customers (id integer)")
    con.commit()
    con.close()
    with pytest.raises(DaftarError) as e:
        open_database(path)
    assert e.value.code == "db.not_daftar"
    assert [r[0] for r in sqlite3.connect(path).execute(
        "select name from sqlite_master")] == ["customers"]


def test_default_path_is_in_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert dbmod.default_db_path() == Path(tmp_path) / "Daftar" / "daftar.sqlite"
