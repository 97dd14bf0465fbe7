-- Issue 21: every committed change to a user's data tells the app instances, so each can drop
-- that user's cached page data and session check (lib/cache/user-cache.ts) instead of asking the
-- database on every request. NOTIFY is delivered at COMMIT (never for a rolled-back change) and
-- repeated payloads within one transaction are sent once. Payload: the user's id.

-- Rows that carry "userId" themselves (statement level: one notification per user per statement).
CREATE FUNCTION "saldo_notify_user_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('saldo_user_changed', u) FROM (SELECT DISTINCT "userId" AS u FROM old_rows) s;
  ELSE
    PERFORM pg_notify('saldo_user_changed', u) FROM (SELECT DISTINCT "userId" AS u FROM new_rows) s;
  END IF;
  RETURN NULL;
END $$;

-- Rows that belong to a user through their account, contract or budget.
CREATE FUNCTION "saldo_notify_account_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('saldo_user_changed', u) FROM (
      SELECT DISTINCT a."userId" AS u FROM old_rows r JOIN "BankAccount" a ON a.id = r."accountId") s;
  ELSE
    PERFORM pg_notify('saldo_user_changed', u) FROM (
      SELECT DISTINCT a."userId" AS u FROM new_rows r JOIN "BankAccount" a ON a.id = r."accountId") s;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "saldo_notify_contract_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('saldo_user_changed', u) FROM (
      SELECT DISTINCT c."userId" AS u FROM old_rows r JOIN "Contract" c ON c.id = r."contractId") s;
  ELSE
    PERFORM pg_notify('saldo_user_changed', u) FROM (
      SELECT DISTINCT c."userId" AS u FROM new_rows r JOIN "Contract" c ON c.id = r."contractId") s;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "saldo_notify_budget_rows"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('saldo_user_changed', u) FROM (
      SELECT DISTINCT b."userId" AS u FROM old_rows r JOIN "Budget" b ON b.id = r."budgetId") s;
  ELSE
    PERFORM pg_notify('saldo_user_changed', u) FROM (
      SELECT DISTINCT b."userId" AS u FROM new_rows r JOIN "Budget" b ON b.id = r."budgetId") s;
  END IF;
  RETURN NULL;
END $$;

DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('Xs2aBankUser', 'saldo_notify_user_rows'), ('BankConnection', 'saldo_notify_user_rows'),
    ('BankAccount', 'saldo_notify_user_rows'), ('Transaction', 'saldo_notify_user_rows'),
    ('SyncRun', 'saldo_notify_user_rows'), ('QuarantinedTurnover', 'saldo_notify_user_rows'),
    ('ConsentReminder', 'saldo_notify_user_rows'), ('Contract', 'saldo_notify_user_rows'),
    ('ContractAlertDigest', 'saldo_notify_user_rows'), ('TotpFactor', 'saldo_notify_user_rows'),
    ('Passkey', 'saldo_notify_user_rows'), ('Category', 'saldo_notify_user_rows'),
    ('Rule', 'saldo_notify_user_rows'), ('TransferRejection', 'saldo_notify_user_rows'),
    ('Budget', 'saldo_notify_user_rows'),
    ('BalanceSnapshot', 'saldo_notify_account_rows'),
    ('ContractTransaction', 'saldo_notify_contract_rows'), ('ContractAlertNotice', 'saldo_notify_contract_rows'),
    ('BudgetAlert', 'saldo_notify_budget_rows')
  ) AS v(tbl, fn) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
      t.tbl || '_notify_insert', t.tbl, t.fn);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
      t.tbl || '_notify_update', t.tbl, t.fn);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
      t.tbl || '_notify_delete', t.tbl, t.fn);
  END LOOP;
END $$;

-- The session check: the user's own row (disabled, session version, name, language, appearance …)
-- and a session being started, revoked or deleted. Not "lastSeenAt", written once a minute.
CREATE FUNCTION "saldo_notify_user"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('saldo_user_changed', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  RETURN NULL;
END $$;
CREATE TRIGGER "User_notify" AFTER UPDATE OR DELETE ON "User" FOR EACH ROW EXECUTE FUNCTION "saldo_notify_user"();

CREATE FUNCTION "saldo_notify_session"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('saldo_user_changed', CASE WHEN TG_OP = 'DELETE' THEN OLD."userId" ELSE NEW."userId" END);
  RETURN NULL;
END $$;
CREATE TRIGGER "UserSession_notify_insert" AFTER INSERT OR DELETE ON "UserSession" FOR EACH ROW EXECUTE FUNCTION "saldo_notify_session"();
CREATE TRIGGER "UserSession_notify_revoke" AFTER UPDATE OF "revokedAt", "userId" ON "UserSession" FOR EACH ROW EXECUTE FUNCTION "saldo_notify_session"();
