import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { z } from 'zod'
import type { Simulator } from '../../src/main/simulator'
import { haltPointSchema, type HaltPoint } from './halt'

/**
 * The development host in its own process (child.ts), for tests that crash the main process:
 * `kill()` is SIGKILL, with no shutdown, no waiting for deliveries and no flush, as a power cut
 * or a crash would leave it. A host started again on the same port and data dir is the app
 * restarting; the page keeps its origin, and so its IndexedDB outbox.
 */
export type HostProcessOptions = {
  dataDir: string
  /** 0 (default) picks a free port. */
  port?: number
  /** LEADCARS_* settings for the host. */
  env: Record<string, string>
  /** Freeze the host at this point of a delivery (see halt.ts). */
  halt?: HaltPoint
  startTimeoutMs?: number
}

export type HostProcess = {
  url: string
  port: number
  /** Resolves once the host froze at its halt point; rejects if it exits or time runs out. */
  halted(timeoutMs?: number): Promise<HaltPoint>
  /** Kills the process outright and resolves once it is gone. */
  kill(): Promise<void>
}

const repoRoot = resolve(__dirname, '../..')
const childEntry = resolve(__dirname, 'child.ts')

const messageSchema = z.union([
  z.object({ listening: z.url() }),
  z.object({ halted: haltPointSchema }),
])

type Message = z.infer<typeof messageSchema>

/** The LEADCARS_* settings that point a host at a simulator and its built-in routing. */
export function simulatorEnv(sim: Simulator): Record<string, string> {
  return {
    LEADCARS_URL: sim.url,
    LEADCARS_TOKEN: sim.token,
    LEADCARS_DEALER: String(sim.reference.dealerId),
    LEADCARS_SITE: String(sim.reference.siteId),
    LEADCARS_CAMPAIGN: sim.reference.campaignCode,
    LEADCARS_LEAD_TYPE: String(sim.reference.showroomLeadTypeId),
  }
}

export async function spawnHost(options: HostProcessOptions): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', childEntry], {
    cwd: repoRoot,
    env: childEnv(options),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const stderr = collectStderr(child)
  const messages = readMessages(child)

  const listening = await within(
    options.startTimeoutMs ?? 30_000,
    first(messages, exited, (message) => ('listening' in message ? message.listening : null)),
    () => `the host did not start: ${stderr()}`,
  ).catch(async (error: unknown) => {
    await killChild(child, exited)
    throw error
  })

  const halt = first(messages, exited, (message) => ('halted' in message ? message.halted : null))
  return {
    url: listening,
    port: Number(new URL(listening).port),
    halted: (timeoutMs = 30_000) =>
      within(timeoutMs, halt, () => `the host never reached its halt point: ${stderr()}`),
    kill: () => killChild(child, exited),
  }
}

function childEnv(options: HostProcessOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...options.env,
    HOST_PORT: String(options.port ?? 0),
    HOST_DATA_DIR: options.dataDir,
    HOST_HALT: options.halt ? JSON.stringify(options.halt) : '',
  }
}

type MessageFeed = { seen: Message[]; listeners: Set<(message: Message) => void> }

function readMessages(child: ChildProcess): MessageFeed {
  const feed: MessageFeed = { seen: [], listeners: new Set() }
  if (!child.stdout) return feed
  createInterface({ input: child.stdout }).on('line', (line) => {
    const message = parseMessage(line)
    if (!message) return
    feed.seen.push(message)
    for (const listener of feed.listeners) listener(message)
  })
  return feed
}

function parseMessage(line: string): Message | null {
  try {
    const parsed = messageSchema.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** The first message `pick` accepts (already seen or still to come); null if the child exits. */
function first<T>(
  feed: MessageFeed,
  exited: Promise<void>,
  pick: (message: Message) => T | null,
): Promise<T | null> {
  for (const message of feed.seen) {
    const picked = pick(message)
    if (picked !== null) return Promise.resolve(picked)
  }
  return new Promise((done) => {
    const listener = (message: Message): void => {
      const picked = pick(message)
      if (picked === null) return
      feed.listeners.delete(listener)
      done(picked)
    }
    feed.listeners.add(listener)
    void exited.then(() => {
      feed.listeners.delete(listener)
      done(null)
    })
  })
}

async function within<T>(
  timeoutMs: number,
  value: Promise<T | null>,
  explain: () => string,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<null>((done) => {
    timer = setTimeout(() => done(null), timeoutMs)
  })
  const result = await Promise.race([value, timeout]).finally(() => clearTimeout(timer))
  if (result === null) throw new Error(explain())
  return result
}

/** The tail of the child's stderr, to explain a failure; reading it also keeps the pipe flowing. */
function collectStderr(child: ChildProcess): () => string {
  let text = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    text = (text + chunk).slice(-2_000)
  })
  return () => text.trim() || '(no output)'
}

async function killChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  await exited
}
