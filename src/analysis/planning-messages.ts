/**
 * The words of the report's planning part (operators needed, contracts, channels) in English and
 * Spanish. Kept apart from messages.ts so that file does not grow further; the same shape for both.
 */
import type { ReportLanguage } from "./messages.ts";

type Text = (...args: string[]) => string;

export interface PlanningMessages {
  section: string;
  staffing: string;
  staffingIntro: Text;
  staffingColumns: [string, string, string, string];
  short: string;
  spare: string;
  unrostered: Text;
  erlangA: Text;
  erlangC: string;
  contracts: string;
  /** The contract in force: one trunk's, and all of them together. */
  inForce: Text;
  inForceTotal: string;
  contractsIntro: string;
  contractsColumns: [string, string, string, string, string, string, string];
  channels: Text;
  firstWeek: {
    againstTargets: string;
    summaryColumns: [string, string, string, string];
    whatToChange: string;
    staffShort: Text;
    staffSpare: Text;
    staffFine: string;
    switchTo: Text;
    leaving: Text;
    keep: Text;
    noOffers: string;
    addChannels: Text;
    fewerChannels: Text;
    channelsFine: Text;
    closedCalls: Text;
    noClosedCalls: string;
  };
  findings: {
    short: Text;
    shortEvidence: Text;
    spare: Text;
    cheaper: Text;
    cheaperEvidence: Text;
    cheapest: Text;
    blocking: Text;
    blockingEvidence: Text;
    tooManyChannels: Text;
  };
}

const EN: PlanningMessages = {
  section: "Planning: operators and contracts",
  staffing: "Operators needed against planned",
  staffingIntro: (model, targets) =>
    `From this week's calls, by hour of the week: ${model}; needed to meet ${targets}. Planned: operators on shift taking calls (lunch and breaks left out), averaged over the hour.`,
  staffingColumns: ["hours", "needed", "planned", "kind"],
  short: "too few",
  spare: "to spare",
  unrostered: (n) => ` ${n} operators have no roster and count as not planned.`,
  erlangA: (patience) => `Erlang A, callers giving up after ${patience} on average`,
  erlangC: "Erlang C (nobody gave up)",
  contracts: "Your contract and the alternatives",
  inForce: (trunk) => `${trunk} (in force)`,
  inForceTotal: "in force, all trunks",
  contractsIntro:
    "This week's calls replayed on each offer in `tariffs` and on the contract in force (the trunks' prices): rounding, allowance, fees and discount as each offer bills them.",
  contractsColumns: [
    "offer",
    "per week",
    "per month",
    "over the term",
    "per answered call",
    "calls refused",
    "billed minutes",
  ],
  channels: (hour, erlangs, needed, target, current, blocking) =>
    `Busiest hour ${hour}: ${erlangs} erlangs offered; ${needed} channels keep blocking under ${target}; the trunks have ${current} (${blocking} blocked at that traffic).`,
  firstWeek: {
    againstTargets: "the targets in the configuration (first week after opening)",
    summaryColumns: ["metric", "this week", "target", "against target"],
    whatToChange: "What to change",
    staffShort: (runs) => `Operators: roster more where the calls need them: ${runs} (\`hotline staffing\`).`,
    staffSpare: (runs) => `Operators: the rosters cover the calls; fewer would do at ${runs}.`,
    staffFine: "Operators: the rosters cover the calls at every hour.",
    switchTo: (offer, cost, current, saving) =>
      `Contract: consider ${offer}, ${cost} a month instead of ${current} (${saving}) on this week's calls (\`hotline tariffs compare\`).`,
    leaving: (cost) => ` Leaving it half way through its term would cost ${cost} in all.`,
    keep: (n) => `Contract: keep yours; none of the ${n} offers compared would have cost less.`,
    noOffers: "Contract: add the offers you are weighing to `tariffs` to compare them on your own calls.",
    addChannels: (current, needed, target) =>
      ` Channels: the ${current} in force block too often at the busiest hour; take ${needed} (under ${target} blocked).`,
    fewerChannels: (current, needed, target) =>
      ` Channels: ${needed} would do instead of ${current} (under ${target} blocked at the busiest hour).`,
    channelsFine: (current) => ` Channels: the ${current} in force fit the busiest hour.`,
    closedCalls: (calls, share, day, hour) =>
      `Hours: ${calls} calls (${share}) came while closed, most on ${day} and around ${hour}: open then, or print the hours on the ads as \`hotline hours\` gives them.`,
    noClosedCalls: "Hours: nobody called while closed; keep printing the hours as `hotline hours` gives them.",
  },
  findings: {
    short: (runs) => `Too few operators planned: ${runs}.`,
    shortEvidence: (model, targets) => `${model}, for ${targets}; see "Operators needed against planned".`,
    spare: (runs) => `More operators planned than the calls needed: ${runs}.`,
    cheaper: (offer, cost, current, saving) =>
      `${offer} would have cost ${cost} a month instead of ${current} (${saving}).`,
    cheaperEvidence: (calls, answered) =>
      `This week's ${calls} calls (${answered} answered) replayed on every offer; see "Your contract and the alternatives".`,
    cheapest: (offers) => `Your contract costs less than the ${offers} offers compared.`,
    blocking: (channels, blocking, needed, target) =>
      `The trunks' ${channels} channels would refuse ${blocking} of the calls at the busiest hour's traffic; ${needed} keep it under ${target}.`,
    blockingEvidence: (hour, erlangs) => `Busiest hour ${hour}: ${erlangs} erlangs offered (Erlang B).`,
    tooManyChannels: (channels, needed, target) =>
      `${channels} channels are paid for; ${needed} would keep blocking under ${target} at this week's busiest hour.`,
  },
};

const ES: PlanningMessages = {
  section: "Planificación: operadores y contratos",
  staffing: "Operadores necesarios frente a los previstos",
  staffingIntro: (model, targets) =>
    `A partir de las llamadas de esta semana, por hora de la semana: ${model}; necesarios para cumplir ${targets}. Previstos: operadores de turno atendiendo (sin comida ni descansos), de media en la hora.`,
  staffingColumns: ["horas", "necesarios", "previstos", "tipo"],
  short: "faltan",
  spare: "sobran",
  unrostered: (n) => ` ${n} operadores no tienen turnos y cuentan como no previstos.`,
  erlangA: (patience) => `Erlang A, con llamantes que cuelgan tras ${patience} de media`,
  erlangC: "Erlang C (nadie colgó esperando)",
  contracts: "Su contrato y las alternativas",
  inForce: (trunk) => `${trunk} (vigente)`,
  inForceTotal: "vigente, todas las troncales",
  contractsIntro:
    "Las llamadas de esta semana, repetidas con cada oferta de `tariffs` y con el contrato vigente (los precios de las troncales): redondeo, minutos incluidos, cuotas y descuento como los factura cada oferta.",
  contractsColumns: [
    "oferta",
    "por semana",
    "por mes",
    "en todo el plazo",
    "por llamada atendida",
    "llamadas rechazadas",
    "minutos facturados",
  ],
  channels: (hour, erlangs, needed, target, current, blocking) =>
    `Hora de más tráfico ${hour}: ${erlangs} erlangs ofrecidos; ${needed} canales mantienen el bloqueo por debajo del ${target}; las troncales tienen ${current} (${blocking} bloqueado con ese tráfico).`,
  firstWeek: {
    againstTargets: "los objetivos de la configuración (primera semana tras la apertura)",
    summaryColumns: ["indicador", "esta semana", "objetivo", "frente al objetivo"],
    whatToChange: "Qué cambiar",
    staffShort: (runs) => `Operadores: prevea más donde las llamadas los necesitan: ${runs} (\`hotline staffing\`).`,
    staffSpare: (runs) => `Operadores: los turnos cubren las llamadas; bastarían menos en ${runs}.`,
    staffFine: "Operadores: los turnos cubren las llamadas en todas las horas.",
    switchTo: (offer, cost, current, saving) =>
      `Contrato: considere ${offer}, ${cost} al mes en lugar de ${current} (${saving}) con las llamadas de esta semana (\`hotline tariffs compare\`).`,
    leaving: (cost) => ` Dejarlo a mitad de plazo costaría ${cost} en total.`,
    keep: (n) => `Contrato: mantenga el suyo; ninguna de las ${n} ofertas comparadas habría costado menos.`,
    noOffers: "Contrato: añada a `tariffs` las ofertas que esté valorando para compararlas con sus propias llamadas.",
    addChannels: (current, needed, target) =>
      ` Canales: los ${current} vigentes bloquean demasiado en la hora punta; contrate ${needed} (menos del ${target} bloqueado).`,
    fewerChannels: (current, needed, target) =>
      ` Canales: bastarían ${needed} en lugar de ${current} (menos del ${target} bloqueado en la hora punta).`,
    channelsFine: (current) => ` Canales: los ${current} vigentes se ajustan a la hora punta.`,
    closedCalls: (calls, share, day, hour) =>
      `Horario: ${calls} llamadas (${share}) llegaron con la línea cerrada, sobre todo el ${day} y hacia las ${hour}: abra entonces, o imprima en los anuncios el horario que da \`hotline hours\`.`,
    noClosedCalls: "Horario: nadie llamó con la línea cerrada; siga imprimiendo el horario que da `hotline hours`.",
  },
  findings: {
    short: (runs) => `Faltan operadores previstos: ${runs}.`,
    shortEvidence: (model, targets) => `${model}, para ${targets}; vea «Operadores necesarios frente a los previstos».`,
    spare: (runs) => `Hay más operadores previstos de los que pedían las llamadas: ${runs}.`,
    cheaper: (offer, cost, current, saving) =>
      `${offer} habría costado ${cost} al mes en lugar de ${current} (${saving}).`,
    cheaperEvidence: (calls, answered) =>
      `Las ${calls} llamadas de esta semana (${answered} atendidas) repetidas con cada oferta; vea «Su contrato y las alternativas».`,
    cheapest: (offers) => `Su contrato cuesta menos que las ${offers} ofertas comparadas.`,
    blocking: (channels, blocking, needed, target) =>
      `Los ${channels} canales de las troncales rechazarían el ${blocking} de las llamadas con el tráfico de la hora punta; ${needed} lo mantienen por debajo del ${target}.`,
    blockingEvidence: (hour, erlangs) => `Hora de más tráfico ${hour}: ${erlangs} erlangs ofrecidos (Erlang B).`,
    tooManyChannels: (channels, needed, target) =>
      `Se pagan ${channels} canales; ${needed} mantendrían el bloqueo por debajo del ${target} en la hora punta de esta semana.`,
  },
};

export function planningMessages(language: ReportLanguage): PlanningMessages {
  return language === "es" ? ES : EN;
}
