"""SQL shared by the SQLite and PostgreSQL backends, run through :class:`~kroniek.store.sql.db.Db`."""
