CREATE TABLE IF NOT EXISTS documents (
  id bigserial PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  chunk_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz
);
CREATE TABLE IF NOT EXISTS chunks (
  id bigserial PRIMARY KEY,
  document_id bigint NOT NULL REFERENCES documents (id),
  position integer NOT NULL,
  content text NOT NULL,
  embedding real[] NOT NULL,
  written_by text NOT NULL DEFAULT current_setting('application_name')
);
CREATE INDEX IF NOT EXISTS chunks_document_id ON chunks (document_id);
