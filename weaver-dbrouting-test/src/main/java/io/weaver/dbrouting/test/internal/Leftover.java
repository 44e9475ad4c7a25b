package io.weaver.dbrouting.test.internal;

import java.util.Locale;

/**
 * One piece of session state found on a server connection of the transaction pooler, with what leaves it there.
 *
 * @param kind what sort of state
 * @param name the setting, statement, lock key, relation, cursor or channel
 * @param detail the setting's value or the statement's text; empty where there is none
 */
record Leftover(Kind kind, String name, String detail) {

  private static final int MAX_DETAIL_CHARS = 120;

  /** The sorts of session state a transaction pooler hands on to the next client, and what causes each. */
  enum Kind {
    SETTING("setting"),
    SQL_PREPARED_STATEMENT("prepared statement"),
    PROTOCOL_PREPARED_STATEMENT("prepared statement"),
    ADVISORY_LOCK("advisory lock"),
    TEMPORARY_RELATION("temporary relation"),
    HELD_CURSOR("cursor"),
    LISTEN_CHANNEL("LISTEN channel");

    private final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  /** E.g. {@code setting search_path = 'other' (set by ...; use ...)}. */
  String describe() {
    String what = switch (kind) {
      case SETTING -> "setting " + name + " = '" + shortened(detail) + "'";
      case SQL_PREPARED_STATEMENT, PROTOCOL_PREPARED_STATEMENT, HELD_CURSOR ->
          kind.label + " \"" + name + "\": " + shortened(detail);
      default -> kind.label + " " + name;
    };
    return what + " (" + cause() + ")";
  }

  /** Which statements leave this behind, and what to do instead. */
  String cause() {
    return switch (kind) {
      case SETTING -> settingCause();
      case SQL_PREPARED_STATEMENT -> "SQL PREPARE, which no PgBouncer tracks; DEALLOCATE it in the same transaction, "
          + "or let the driver prepare with prepareThreshold=0";
      case PROTOCOL_PREPARED_STATEMENT -> "a driver's named protocol-level statement: pgjdbc names one (S_1, S_2, ...) "
          + "after prepareThreshold executions (default 5); use prepareThreshold=0 behind a transaction pooler, as "
          + "RoleAwareDataSource's worker role does, or PgBouncer 1.21+ with max_prepared_statements";
      case ADVISORY_LOCK -> "pg_advisory_lock / pg_try_advisory_lock take a session-level lock that outlives the "
          + "transaction; use pg_advisory_xact_lock, or take session locks on a session-mode or direct connection";
      case TEMPORARY_RELATION -> "CREATE TEMP TABLE (or VIEW, SEQUENCE) outlives the transaction; create it "
          + "with ON COMMIT DROP inside the transaction that uses it";
      case HELD_CURSOR -> "DECLARE ... WITH HOLD outlives the transaction; CLOSE it before the transaction ends";
      case LISTEN_CHANNEL -> "LISTEN needs one server connection for the session's life; run it on a session-mode "
          + "or direct connection";
    };
  }

  private String settingCause() {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "default_transaction_isolation" -> "set by SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL, "
          + "which pgjdbc's Connection#setTransactionIsolation sends (Spring's @Transactional(isolation = ...) calls "
          + "it); set the level per transaction (BEGIN ISOLATION LEVEL / SET TRANSACTION), as RoleAwareDataSource's "
          + "worker role does";
      case "default_transaction_read_only" -> "set by SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY, which "
          + "pgjdbc's Connection#setReadOnly sends with readOnlyMode=always; use SET TRANSACTION READ ONLY inside "
          + "the transaction";
      case "search_path" -> "set by SET search_path, set_config('search_path', ..., false) or pgjdbc's "
          + "Connection#setSchema; use SET LOCAL search_path inside the transaction, or schema-qualified names";
      default -> "set by SET " + name + " or set_config('" + name + "', ..., false), which outlive the "
          + "transaction; use SET LOCAL " + name + " inside the transaction";
    };
  }

  private static String shortened(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= MAX_DETAIL_CHARS ? oneLine : oneLine.substring(0, MAX_DETAIL_CHARS) + "...";
  }
}
