"""Keeping the database safe: where files live, one program per database, integrity checks, backups."""
