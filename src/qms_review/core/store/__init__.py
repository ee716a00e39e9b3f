"""The database: engines, schema and migrations, the models, the audit trail, backups,
settings and where files live."""
