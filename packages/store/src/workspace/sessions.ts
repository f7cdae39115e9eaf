/**
 * Logins and sessions: passwords checked against their scrypt hash (an unknown login name costs the
 * same time as a wrong password), failed logins counted per login name for rate limiting, and
 * session tokens of which only a SHA-256 is stored.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, asc, count, eq, gt, lte } from 'drizzle-orm';
import { loginFailures, sessions, users } from '../schema';
import type { StoreDatabase } from '../store';
import { userColumns, type WorkspaceUser, workspaceUser } from './access';
import { AuthenticationError, RateLimitedError } from './errors';
import { hashPassword, type ScryptParameters, verifyPassword } from './password';

export interface SessionOptions {
  now: () => Date;
  /** How long a session lasts from login. */
  sessionTtlMs: number;
  /** Failed logins of one login name allowed within `loginWindowMs` before further tries are refused. */
  maxLoginFailures: number;
  loginWindowMs: number;
  scrypt: ScryptParameters;
}

export interface NewSession {
  /** Goes to the client (an HTTP-only cookie); the store keeps only its hash. */
  token: string;
  /** Sent back by the client with every change (a header), compared with csrfMatches. */
  csrfToken: string;
  expiresAt: Date;
}

export interface ResolvedSession {
  user: WorkspaceUser;
  csrfToken: string;
  expiresAt: Date;
}

const WRONG_LOGIN = '登录名或密码不正确';

export class SessionService {
  /** The hash an unknown login name is checked against, so its answer takes as long as a wrong password. */
  private decoy: Promise<string> | undefined;

  constructor(
    private readonly db: StoreDatabase,
    private readonly options: SessionOptions,
  ) {}

  async authenticate(loginName: string, password: string): Promise<WorkspaceUser> {
    await this.refuseWhenRateLimited(loginName);
    const [row] = await this.db
      .select({ ...userColumns, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.loginName, loginName));
    this.decoy ??= hashPassword(randomBytes(16).toString('hex'), this.options.scrypt);
    const matches = await verifyPassword(password, row?.passwordHash ?? (await this.decoy));
    if (!row || !matches) {
      await this.db.insert(loginFailures).values({ loginName, failedAt: this.options.now() });
      throw new AuthenticationError(WRONG_LOGIN);
    }
    if (row.disabled) throw new AuthenticationError(`账号「${loginName}」已停用，请联系管理员`);
    await this.db.delete(loginFailures).where(eq(loginFailures.loginName, loginName));
    return workspaceUser(row);
  }

  private async refuseWhenRateLimited(loginName: string): Promise<void> {
    const { maxLoginFailures, loginWindowMs } = this.options;
    const since = new Date(this.options.now().getTime() - loginWindowMs);
    const recent = and(eq(loginFailures.loginName, loginName), gt(loginFailures.failedAt, since));
    const [{ failures } = { failures: 0 }] = await this.db
      .select({ failures: count() })
      .from(loginFailures)
      .where(recent);
    if (failures < maxLoginFailures) return;
    const [oldest] = await this.db
      .select({ failedAt: loginFailures.failedAt })
      .from(loginFailures)
      .where(recent)
      .orderBy(asc(loginFailures.failedAt))
      .limit(1);
    const retryAt = new Date((oldest?.failedAt ?? this.options.now()).getTime() + loginWindowMs);
    throw new RateLimitedError(
      `登录名「${loginName}」在 ${Math.round(loginWindowMs / 60_000)} 分钟内已登录失败 ${failures} 次，` +
        `暂不接受登录；请于 ${retryAt.toISOString()} 之后再试`,
      retryAt,
    );
  }

  async create(user: Pick<WorkspaceUser, 'id'>): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const createdAt = this.options.now();
    const expiresAt = new Date(createdAt.getTime() + this.options.sessionTtlMs);
    await this.db
      .insert(sessions)
      .values({ tokenHash: tokenHash(token), userId: user.id, csrfToken, createdAt, expiresAt });
    return { token, csrfToken, expiresAt };
  }

  async resolve(token: string): Promise<ResolvedSession> {
    const [row] = await this.db
      .select({ user: userColumns, csrfToken: sessions.csrfToken, expiresAt: sessions.expiresAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenHash, tokenHash(token)));
    if (!row) throw new AuthenticationError('会话不存在或已注销，请重新登录');
    if (row.expiresAt.getTime() <= this.options.now().getTime()) {
      await this.revoke(token);
      throw new AuthenticationError(`会话已于 ${row.expiresAt.toISOString()} 过期，请重新登录`);
    }
    if (row.user.disabled) throw new AuthenticationError(`账号「${row.user.loginName}」已停用，请联系管理员`);
    return { user: workspaceUser(row.user), csrfToken: row.csrfToken, expiresAt: row.expiresAt };
  }

  async revoke(token: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash(token)));
  }

  async revokeAllOf(userId: number): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.userId, userId));
  }

  /**
   * Removes the sessions past their expiry, and the failed logins that no longer count (which
   * guesses at unknown login names would otherwise pile up); returns how many sessions.
   */
  async expire(): Promise<number> {
    const now = this.options.now();
    await this.db
      .delete(loginFailures)
      .where(lte(loginFailures.failedAt, new Date(now.getTime() - this.options.loginWindowMs)));
    const removed = await this.db
      .delete(sessions)
      .where(lte(sessions.expiresAt, now))
      .returning({ id: sessions.id });
    return removed.length;
  }
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether the CSRF token a request presents is the session's, compared in constant time. */
export function csrfMatches(
  session: Pick<ResolvedSession, 'csrfToken'>,
  presented: string | undefined,
): boolean {
  if (presented === undefined) return false;
  const [expected, given] = [Buffer.from(session.csrfToken), Buffer.from(presented)];
  return expected.length === given.length && timingSafeEqual(expected, given);
}
