import { type ReportJob, scheduleWeeklyReport } from "./analysis/schedule.ts";
import { AriClient } from "./asterisk/ari/client.ts";
import { AriResources } from "./asterisk/ari/resources.ts";
import { storedRecordingReader } from "./asterisk/ari/stored-recordings.ts";
import { ChannelHub } from "./asterisk/channels/hub.ts";
import { type AsteriskConnection, checkConnectionSafety, nodesOf } from "./asterisk/connection.ts";
import { AriNodes } from "./asterisk/nodes/ari-nodes.ts";
import { CallService } from "./calls/call-service.ts";
import { Dispositions } from "./calls/disposition/dispositions.ts";
import { MonitorService } from "./calls/monitor/monitor-service.ts";
import { OpeningHours } from "./calls/opening-hours.ts";
import { AcdQueues } from "./calls/queue/acd-queues.ts";
import { ConversationRecorder } from "./calls/recordings/recorder.ts";
import { purgeRecordings, scheduleRetention } from "./calls/recordings/retention.ts";
import { listenForInCallKeys } from "./calls/transfer/keys-listener.ts";
import { transferRoutes } from "./calls/transfer/routes.ts";
import { Transfers } from "./calls/transfer/transfers.ts";
import type { HotlineConfig } from "./config/index.ts";
import { FallbackSync } from "./fallback/sync.ts";
import { type Logger, silentLogger } from "./logger.ts";
import type { HotlineMetrics } from "./metrics/hotline-metrics.ts";
import type { MetricsServer } from "./metrics/server.ts";
import { ControlApi } from "./operators/control-api.ts";
import { FeatureCodes } from "./operators/feature-codes.ts";
import { roomRoutes } from "./operators/room-routes.ts";
import { RosterScheduler } from "./operators/roster-scheduler.ts";
import { CallRecords } from "./records/call-records.ts";
import { type Knex, openDatabase } from "./records/db.ts";
import { recordsOptionsFor } from "./records/options.ts";
import { readOpenAttempts, readOperatorStates } from "./records/read.ts";
import { readOpenCallbackAttempts, readOpenCallbacks } from "./records/read-callbacks.ts";
import type { RoomFeed } from "./room/feed.ts";
import { missingPrompts } from "./sounds/build.ts";
import type { WebConsole } from "./web/console.ts";

export type AppConfig = HotlineConfig;

export interface HotlineApp {
  /** The (first) Asterisk node's ARI client. */
  ari: AriClient;
  /** Every Asterisk node the app drives (one, unless asterisk.nodes lists several). */
  nodes: AriNodes;
  resources: AriResources;
  calls: CallService;
  /** The ACD: queues, operators' states and their commands (desk phone, CLI, roster). */
  acd: AcdQueues;
  /** Blind and attended transfers of calls in progress (operators' keys, the control API). */
  transfers: Transfers;
  records: CallRecords;
  /** Keeps each node's native fallback (queue members, AstDB) current; imports the calls it took. */
  fallback: FallbackSync;
  /** Supervisors' monitoring and operators' dispositions (`dispositions.dispose` is the in-call *5<d> hook). */
  room: {
    monitor: MonitorService;
    dispositions: Dispositions;
    /** Delete the recordings past their retention now (the app also does it at start and daily). */
    purgeRecordings(): Promise<{ files: number; bytes: number }>;
  };
  db: Knex;
  /** The operators' desk and the supervisors' wallboard, when the configuration has a `web:` section. */
  console?: WebConsole;
  /** GET /metrics, when the configuration has a `metrics:` section; `address` is where it listens. */
  metrics?: MetricsServer;
  /** New calls use this configuration from now on; calls in progress keep theirs. */
  applyConfig(config: AppConfig): void;
  /**
   * Let calls in progress finish for up to drainMs, hand over the rest (they stay in Asterisk for
   * the next start to adopt), let every record write land, close the database.
   */
  stop(options?: { drainMs?: number }): Promise<void>;
}

/**
 * The composition root: configuration → records store → Asterisk → services. Nothing else wires
 * components together.
 */
export async function startHotline(
  config: AppConfig,
  options: { connection: AsteriskConnection; logger?: Logger; waitConnectedMs?: number },
): Promise<HotlineApp> {
  const logger = options.logger ?? silentLogger;
  checkConnectionSafety(options.connection);
  const missing = missingPrompts(config);
  if (missing.length > 0) {
    const list = missing.map((p) => `  ${p.path} (${p.source})`).join("\n");
    throw new Error(`missing prompt audio — run \`hotline sounds build\`:\n${list}`);
  }

  let current = config;
  // Its gauges read the parts created below at each scrape; it is served once they all exist.
  const metrics: HotlineMetrics | undefined = config.metrics
    ? await createMetrics(() => ({ calls, queues, records }))
    : undefined;
  const db = await openDatabase(config.database);
  // Journal in state.dir (nothing lost on a crash or a database outage); costs from the trunks in force.
  const records = new CallRecords(
    db,
    logger,
    recordsOptionsFor(config, () => current),
  );
  // One ARI client per Asterisk node; operations go to the node that holds what they name.
  const connections = nodesOf(options.connection);
  const nodes = new AriNodes(
    connections.map((node) => ({
      name: node.name,
      client: new AriClient({
        ...node.ari,
        app: options.connection.app,
        logger: connections.length > 1 ? logger.child({ node: node.name }) : logger,
        ...(metrics ? { onRequest: (r) => metrics.ariRequest(r) } : {}),
      }),
    })),
    { logger },
  );
  const ari = nodes.primary;
  const resources = new AriResources(nodes);
  // The one listener on ARI's events: each goes to the channel it is about.
  const hub = new ChannelHub(resources, logger);
  hub.attachNodes(nodes);
  // One clock for the journey and the ACD.
  const now = () => new Date();
  let callService: CallService | undefined;
  const queues: AcdQueues = new AcdQueues({
    hub,
    records,
    logger,
    app: options.connection.app,
    config: () => current,
    now,
    ...(metrics ? { onRing: (result) => metrics.ring(result) } : {}),
    // Both directions count against a trunk's channels; before the call service exists, callbacks only.
    callsOnTrunk: (trunk): number => callService?.callsOnTrunk(trunk) ?? queues.callbacks.onTrunk(trunk),
  });
  // Operators' states as the last run left them (the journal's writes of a crash land first).
  await records.flush({ timeoutMs: 5000 });
  await queues.start(await readOperatorStates(db), await readOpenAttempts(db), {
    open: await readOpenCallbacks(db),
    openAttempts: await readOpenCallbackAttempts(db),
  });
  // The supervisors' room: monitoring operators' conversations, dispositions of calls.
  const roomDeps = { hub, live: queues.live, records, config: () => current, logger, now };
  const monitor = new MonitorService({ ...roomDeps, app: options.connection.app });
  const dispositions = new Dispositions({ ...roomDeps, db });
  dispositions.attach();
  const recorder = new ConversationRecorder({
    ...roomDeps,
    ari: resources,
    stored: storedRecordingReader(config, options.connection),
  });
  recorder.attach();
  const purge = () =>
    purgeRecordings(db, { now: now(), markPurged: (id, at) => records.room.recordingPurged(id, at) }).then((result) => {
      if (result.files > 0) logger.info(result, "recordings past their retention deleted");
      return result;
    });
  const retention = scheduleRetention(purge);
  // Supervisors' `hotline operators`: HTTP on 127.0.0.1, found through <state.dir>/control.json.
  // Transfers to the directory: the operator's in-call keys and the control API's routes.
  const transfers = new Transfers({
    hub,
    app: options.connection.app,
    records: records.transfers,
    live: queues.live,
    config: () => current,
    logger,
    now,
    callsOnTrunk: (trunk) => calls.callsOnTrunk(trunk),
  });
  const stopKeys = listenForInCallKeys(queues.live, transfers, {
    logger,
    onDisposition: (operator, callId, digit) => void dispositions.dispose(operator, callId, digit),
  });
  const control = new ControlApi({
    commands: queues,
    routes: [...transferRoutes(transfers), ...roomRoutes({ monitor, dispositions })],
    stateDir: config.state.dir,
    logger,
  });
  await control.start();
  // Operators' rosters: applied to the states the last run left, then at each boundary.
  const roster = new RosterScheduler({ commands: queues, config, logger });
  const calls = new CallService({
    hub,
    records,
    logger,
    app: options.connection.app,
    queues,
    config: () => current,
    now,
    outboundOnTrunk: (trunk): number => queues.callbacks.onTrunk(trunk),
  });
  callService = calls;
  calls.attach();
  // Desk-phone feature codes (*1 log in, *2 log out, *3 pause, *4 resume) through the dialplan.
  const features = new FeatureCodes({
    hub,
    commands: queues,
    config: () => current,
    logger,
    room: {
      monitorFrom: (call, operator, mode, supervisor, endpoint) =>
        monitor.monitorFrom(call, operator, mode, supervisor, endpoint),
      disposeLast: (operator, digit) => dispositions.disposeLast(operator, digit),
    },
  });
  features.attach();
  // Every node ready to take calls natively should this app go: queue members, numbers, hours.
  const fallback = new FallbackSync({
    nodes: connections,
    statuses: () => queues.statuses(),
    config: () => current,
    openingStates: () => OpeningHours.of(current).states(),
    records,
    logger,
    now,
  });
  // The weekly report runs inside the app (node-schedule), on the configuration in force.
  const reportFor = (c: AppConfig): ReportJob | undefined =>
    c.report ? scheduleWeeklyReport(db, c, c.report, logger) : undefined;
  let reportJob = reportFor(config);
  nodes.start();
  if (options.waitConnectedMs) await nodes.waitConnected(options.waitConnectedMs);
  roster.start();
  fallback.start();
  const metricsServer =
    config.metrics && metrics ? await serveMetrics(metrics, config.metrics.listen, logger) : undefined;
  // The room's screens: views kept live from the records' writes and the conversations.
  const web = config.web
    ? await serveConsole({
        config: () => current,
        acd: queues,
        calls,
        transfers,
        monitor,
        dispositions,
        records,
        db,
        now,
        logger,
        readRecording: storedRecordingReader(config, options.connection),
      })
    : undefined;

  return {
    ari,
    nodes,
    resources,
    calls,
    acd: queues,
    transfers,
    records,
    fallback,
    room: { monitor, dispositions, purgeRecordings: purge },
    db,
    ...(metricsServer ? { metrics: metricsServer } : {}),
    ...(web ? { console: web.console } : {}),
    applyConfig(next) {
      if (JSON.stringify(next.metrics) !== JSON.stringify(current.metrics))
        logger.warn("metrics: a changed `metrics:` section applies at the next start");
      if (JSON.stringify(next.web) !== JSON.stringify(current.web))
        logger.warn("web: a changed `web:` section applies at the next start (users: apply now)");
      current = next;
      queues.reconfigure(next);
      roster.reconfigure(next);
      reportJob?.cancel();
      reportJob = reportFor(next);
    },
    async stop({ drainMs = 0 } = {}) {
      await metricsServer?.stop();
      await web?.console.stop();
      web?.feed.stop();
      reportJob?.cancel();
      roster.stop();
      await fallback.close();
      await control.stop();
      if (drainMs > 0) await calls.idle(drainMs);
      // What is still up stays in Asterisk and is the next run's: nothing more of it is written here.
      const handedOver = calls.handOver();
      if (handedOver > 0) logger.info({ calls: handedOver }, "calls in progress handed over to the next start");
      stopKeys();
      await features.close();
      await monitor.close();
      dispositions.close();
      retention.stop();
      await recorder.close();
      await queues.close();
      await nodes.close();
      await records.close({ timeoutMs: 5000 });
      await db.destroy();
    },
  };
}

/** prom-client loads only when the configuration asks for metrics. */
async function createMetrics(
  parts: () => { calls: CallService; queues: AcdQueues; records: CallRecords },
): Promise<HotlineMetrics> {
  const { HotlineMetrics } = await import("./metrics/hotline-metrics.ts");
  return new HotlineMetrics({
    callsInProgress: () => parts().calls.activeCalls,
    waitingCallers: () => parts().queues.waitingCallers(),
    operatorStates: () =>
      parts()
        .queues.statuses()
        .map((s) => s.state),
    recordBacklog: () => parts().records.pending,
    recordJournal: () => parts().records.journalHealth,
  });
}

async function serveMetrics(metrics: HotlineMetrics, listen: string, logger: Logger): Promise<MetricsServer> {
  const { MetricsServer } = await import("./metrics/server.ts");
  const server = new MetricsServer(metrics, listen, logger);
  await server.start();
  return server;
}

/** Fastify and the room's views load only when the configuration has a console. */
async function serveConsole(deps: {
  config: () => AppConfig;
  acd: AcdQueues;
  calls: CallService;
  transfers: Transfers;
  monitor: MonitorService;
  dispositions: Dispositions;
  records: CallRecords;
  db: Knex;
  now: () => Date;
  logger: Logger;
  readRecording: (name: string) => Promise<Buffer>;
}): Promise<{ console: WebConsole; feed: RoomFeed }> {
  const [{ WebConsole }, { RoomFeed }, { RoomActions }, { consoleSecret }, { OverrideStore }] = await Promise.all([
    import("./web/console.ts"),
    import("./room/feed.ts"),
    import("./room/actions.ts"),
    import("./web/secret.ts"),
    import("./config/override-store.ts"),
  ]);
  const config = deps.config();
  const feed = new RoomFeed({
    acd: deps.acd,
    callsOnTrunk: (trunk) => deps.calls.callsOnTrunk(trunk),
    consulting: (callId) => deps.transfers.consulting(callId),
    overrides: () => new OverrideStore(deps.config().state.dir).all(),
    records: deps.records,
    db: deps.db,
    config: deps.config,
    now: deps.now,
    logger: deps.logger,
  });
  await feed.start();
  const actions = new RoomActions({
    commands: deps.acd,
    callbacks: deps.acd.callbacks,
    live: deps.acd.live,
    transfers: deps.transfers,
    dispositions: deps.dispositions,
    monitor: deps.monitor,
    feed,
    db: deps.db,
    config: deps.config,
    readRecording: deps.readRecording,
    now: deps.now,
  });
  const web = new WebConsole({
    config: deps.config,
    views: feed,
    actions,
    audit: (entry) => deps.records.audit.write(entry),
    secret: await consoleSecret(config.web?.secret, config.state.dir),
    logger: deps.logger,
  });
  await web.start();
  return { console: web, feed };
}
