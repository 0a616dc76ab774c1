import type { HotlineSettings } from "../../config/index.ts";
import { submenuPromptFile } from "../../sounds/catalog.ts";
import type { CallSession } from "../session.ts";
import type { Step } from "../step.ts";

type Menu = NonNullable<HotlineSettings["menu"]>;
type Submenu = NonNullable<Menu["options"][string]["menu"]>;

/**
 * The topic menu: a key per topic, or per second-level menu. An invalid key or silence is asked
 * again (`retries` times); after the last try the menu's default topic is taken, so no caller is
 * stuck in a menu loop.
 */
export const topicMenu: Step = {
  name: "menu",
  async run(session) {
    const menu = session.hotline.menu;
    if (!menu) return undefined;
    const first = await ask(session, menu, session.promptUri("menu"));
    if (first.key === undefined) return choose(session, menu.default);
    const option = menu.options[first.key];
    if (option?.menu) {
      const sub: Submenu = option.menu;
      const second = await ask(
        session,
        { ...sub, timeout: sub.timeout ?? menu.timeout, retries: sub.retries ?? menu.retries },
        session.sound(submenuPromptFile(session.info.hotline, first.key)),
      );
      if (second.key === undefined) return choose(session, sub.default ?? option.topic ?? menu.default);
      return choose(session, sub.options[second.key]?.topic);
    }
    return choose(session, option?.topic);
  },
};

/** Ask until a listed key is pressed; undefined after the last retry. */
async function ask(
  session: CallSession,
  menu: { options: Record<string, unknown>; timeout: number; retries: number },
  prompt: string,
): Promise<{ key?: string }> {
  for (let attempt = 0; attempt <= menu.retries; attempt++) {
    const key = await session.collectDigits({ prompt: [prompt], max: 1, timeoutMs: menu.timeout * 1000 });
    if (key && key in menu.options) {
      session.menuPath.push(key);
      session.note({ menu_path: session.menuPath.join(">") });
      return { key };
    }
    session.clearDigits();
    if (key) await session.prompt("invalid");
  }
  session.menuPath.push("default");
  session.note({ menu_path: session.menuPath.join(">") });
  return {};
}

function choose(session: CallSession, topic: string | undefined): undefined {
  if (topic) session.setTopic(topic);
  return undefined;
}
