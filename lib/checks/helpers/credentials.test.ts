import { describe, expect, it } from 'vitest';
import { credentialLiteral, credentialValueKind, isCredentialAssignmentLine, isCredentialName, isOnlyReferences, nameWords } from './credentials';

describe('isCredentialName', () => {
  it('matches credential words', () => {
    for (const n of [
      'PASSWORD', 'DB_PASSWORD', 'POSTGRES_PASSWD', 'JWT_SECRET', 'SECRET_KEY_BASE', 'GITHUB_TOKEN', 'VAULT_TOKEN', 'STRIPE_API_KEY',
      'SENDGRID_APIKEY', 'SSH_PRIVATE_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'GCP_CREDENTIAL', 'AUTH_KEY', 'dbPassword',
      'apiKey', 'redis-password', 'app.secret', 'TOKEN_ISSUER', 'CLIENT_SECRET',
    ]) {
      expect(isCredentialName(n), n).toBe(true);
    }
  });

  it('needs the word, not a substring; plurals and suffixes do not match', () => {
    for (const n of [
      'PASSWORDLESS_LOGIN', 'MAX_TOKENS', 'TOKENIZER', 'SECRETARY_EMAIL', 'KEYCLOAK_REALM', 'API_KEYS_ENABLED', 'APIKEYS',
      'DB_PASSWORD_FILE', 'DB_PASSWORD_PATH', 'SECRETS_DIR', 'SECRET_NAME', 'TOKEN_URL', 'AUTH_TOKEN_URI', 'TOKEN_ENDPOINT',
      'SECRET_SIZE', 'PASSWORD_MIN_LENGTH', 'TOKEN_TTL', 'TOKEN_TIMEOUT', 'API_BASE', 'ACCESS_LOG', 'PRIVATE_IP', 'LOG_LEVEL', '',
    ]) {
      expect(isCredentialName(n), n).toBe(false);
    }
  });

  it('splits names into words', () => {
    expect(nameWords('dbPassword')).toEqual(['DB', 'PASSWORD']);
    expect(nameWords('AWS_SECRET_ACCESS_KEY')).toEqual(['AWS', 'SECRET', 'ACCESS', 'KEY']);
    expect(nameWords('APIKey')).toEqual(['APIKEY']);
  });
});

describe('credentialValueKind', () => {
  // Test values are assembled at run time so that no secret scanner mistakes this file for a leak.
  const jwt = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'].join('.');
  const cases: [string, string][] = [
    [`-----BEGIN ${'RSA '}PRIVATE KEY-----\nMIIEow…\n-----END RSA PRIVATE KEY-----`, 'pem-private-key'],
    [`-----BEGIN ${''}PRIVATE KEY-----`, 'pem-private-key'],
    [`-----BEGIN ${'OPENSSH '}PRIVATE KEY-----`, 'pem-private-key'],
    [`Bearer ${jwt}`, 'jwt'],
    [`AKIA${'IOSFODNN7EXAMPLE'}`, 'aws-access-key'],
    [`gh${'p'}_${'a'.repeat(36)}`, 'github-token'],
    [`github_${'pat'}_${'A1'.repeat(20)}`, 'github-token'],
    [`xox${'b'}-1234567890-abcdefghij`, 'slack-token'],
    [`AIza${'S'.repeat(35)}`, 'google-api-key'],
    [`https://hooks.slack.com/services/T0${'1234567'}/B0${'1234567'}/${'x'.repeat(24)}`, 'slack-webhook'],
    [`sk_${'live'}_${'a1B2'.repeat(6)}`, 'stripe-key'],
    ['postgres://app:hunter2@db.example.com:5432/app', 'url-password'],
    ['redis://:hunter2@redis:6379/0', 'url-password'],
  ];
  it.each(cases)('recognises %#', (value, id) => {
    expect(credentialValueKind(value)?.id).toBe(id);
  });

  it('ignores ordinary values', () => {
    for (const v of [
      'https://api.example.com/v1', 'postgres://app@db.example.com/app', 'postgres://app:$(DB_PASSWORD)@db:5432/app', 'http://user:${PASS}@host/x',
      `-----BEGIN ${''}CERTIFICATE-----`, `-----BEGIN ${''}PUBLIC KEY-----`, 'eyJ', 'AKIA123', 'info', 'ghp_short',
    ]) {
      expect(credentialValueKind(v), v).toBeNull();
    }
  });
});

describe('credentialLiteral', () => {
  it('fires on names with a real value', () => {
    expect(credentialLiteral('DB_PASSWORD', 'hunter2')).toEqual({ by: 'name' });
    expect(credentialLiteral('PIN_SECRET', 123456)).toEqual({ by: 'name' });
  });
  it('fires on values whatever the name', () => {
    expect(credentialLiteral('DATABASE_URL', 'mysql://root:hunter2@mysql:3306/db')).toMatchObject({ by: 'value', kind: { id: 'url-password' } });
    expect(credentialLiteral('DB_PASSWORD_FILE', `AKIA${'IOSFODNN7EXAMPLE'}`)).toMatchObject({ by: 'value' });
  });
  it('never fires on empty values, references, switches or paths', () => {
    expect(credentialLiteral('DB_PASSWORD', '')).toBeNull();
    expect(credentialLiteral('DB_PASSWORD', '  ')).toBeNull();
    expect(credentialLiteral('DB_PASSWORD', undefined)).toBeNull();
    expect(credentialLiteral('DB_PASSWORD', '$(POSTGRES_PASSWORD)')).toBeNull();
    expect(credentialLiteral('API_TOKEN', '${API_TOKEN}')).toBeNull();
    expect(credentialLiteral('AUTH_TOKEN', 'true')).toBeNull();
    expect(credentialLiteral('DB_PASSWORD', '/run/secrets/db-password')).toBeNull();
    expect(credentialLiteral('DB_PASSWORD_FILE', 'hunter2')).toBeNull();
  });
  it('treats $$( escapes and mixed text as literals', () => {
    expect(isOnlyReferences('$(A)$(B)')).toBe(true);
    expect(isOnlyReferences('x$(A)')).toBe(false);
    expect(credentialLiteral('DB_PASSWORD', 'pre-$(SUFFIX)')).toEqual({ by: 'name' });
  });
});

describe('isCredentialAssignmentLine', () => {
  it('spots lines that assign credentials', () => {
    for (const l of ['password: hunter2', '  "apiKey": "x"', 'spring.datasource.password=hunter2', 'export DB_PASSWORD=x', '--token=abc']) {
      expect(isCredentialAssignmentLine(l), l).toBe(true);
    }
    for (const l of ['host: db.example.com', 'url: https://api.example.com', 'password_file: /run/secrets/pw']) {
      expect(isCredentialAssignmentLine(l), l).toBe(false);
    }
  });
});
