import { AcdEngine } from "../../src/acd/engine.ts";
import { type AcdConfig, acdConfigFrom } from "../../src/acd/settings.ts";
import type { OperatorStatus, Outcome, PauseReason } from "../../src/acd/types.ts";
import type { HotlineConfig } from "../../src/config/index.ts";
import type { CommandSource, OperatorCommands } from "../../src/operators/commands.ts";

/**
 * OperatorCommands over the real, pure ACD engine on a clock the test moves: the stand-in for the
 * ACD adapter in tests of the roster, the control API and `hotline operators`.
 */
export class EngineCommands implements OperatorCommands {
  readonly engine: AcdEngine;
  /** Who asked, command by command. */
  readonly sources: CommandSource[] = [];
  now: Date;

  constructor(config: HotlineConfig | AcdConfig, now: Date) {
    this.engine = new AcdEngine("organization" in config ? acdConfigFrom(config) : config, now);
    this.now = now;
  }

  login(operator: string, source: CommandSource): Outcome {
    this.sources.push(source);
    return this.engine.login(operator, this.now);
  }

  logout(operator: string, source: CommandSource): Outcome {
    this.sources.push(source);
    return this.engine.logout(operator, this.now);
  }

  pause(operator: string, reason: PauseReason, source: CommandSource): Outcome {
    this.sources.push(source);
    return this.engine.pause(operator, reason, this.now);
  }

  resume(operator: string, source: CommandSource): Outcome {
    this.sources.push(source);
    return this.engine.resume(operator, this.now);
  }

  statuses(): OperatorStatus[] {
    return this.engine.statuses(this.now);
  }

  status(operator: string): OperatorStatus {
    return this.engine.status(operator, this.now);
  }

  /** A caller rings `operator` and they answer. */
  answer(operator: string, callId: string, hotline = "main"): void {
    this.engine.addCaller({ callId, hotline, language: "en", arrivedAt: this.now });
    this.engine.ringStarted(operator, callId, this.now);
    this.engine.ringEnded(operator, callId, "answered", this.now);
  }
}
