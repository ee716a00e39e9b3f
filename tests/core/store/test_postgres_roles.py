"""A team's server: a role that may not create tables is told so, plainly."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from qms_review import cli


def test_db_upgrade_by_a_role_that_may_not_create_tables_says_so(
    postgres_url: str, folder: Path, capsys
):
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("CREATE ROLE clerk LOGIN"))
        conn.execute(text("REVOKE CREATE ON SCHEMA public FROM PUBLIC"))
    admin.dispose()
    clerk = make_url(postgres_url).set(username="clerk").render_as_string(hide_password=False)
    try:
        assert cli.main(["--database", clerk, "db", "upgrade"]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"The role clerk may not create or change the tables of {clerk} (")
        assert "permission denied for schema public" in err
        assert err.rstrip().endswith("Nothing was changed.")
        assert "Traceback" not in err
        engine = create_engine(postgres_url)
        with engine.connect() as conn:
            assert (
                conn.execute(
                    text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
                ).scalar()
                == 0
            )
        engine.dispose()
    finally:
        admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("DROP OWNED BY clerk"))
            conn.execute(text("DROP ROLE clerk"))
        admin.dispose()
