-- Records which pool ran the migration: its connection's application_name names the role.
CREATE TABLE migration_runner AS SELECT current_setting('application_name') AS application_name;
CREATE TABLE documents (id bigserial PRIMARY KEY, body text NOT NULL);
