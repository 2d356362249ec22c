/**
 * Writes examples/large.samenzicht.json: a fictional analysis of ~150 factors and ~300 links, for trying the
 * editor and the pattern analysis at scale. Deterministic: the same file every run.
 *
 *   node --import tsx examples/generate-large.ts
 *
 * The factors are grouped in themes. The links inside a theme and between themes are written out by hand (`CORE`),
 * and so are all the loops. A seeded generator then adds links up to 300, only between kinds where an influence
 * makes sense (a vulnerability or trigger feeds what keeps things going, a strength pushes against it), only
 * inside a theme, and never where the link would close a new circle.
 */
import { writeFileSync } from 'node:fs';
import type { FactorKind, LifeDomain, Polarity } from '../shared/src/model/types.ts';
import { parseAnalysisFile } from '../shared/src/schema/parseAnalysisFile.ts';
import { findLoops } from '../shared/src/graph/loops.ts';
import { seededRandom } from '../shared/src/random.ts';

type FactorSpec = readonly [key: string, label: string, kind: FactorKind, domain: LifeDomain];

const K = {
  pre: 'predisposing',
  trig: 'precipitating',
  keep: 'perpetuating',
  worse: 'aggravating',
  prob: 'problem',
  help: 'protective',
} as const satisfies Record<string, FactorKind>;

const THEMES: ReadonlyArray<readonly FactorSpec[]> = [
  // Geld en regelingen
  [
    ['terugvordering', 'Terugvordering kinderopvangtoeslag', K.trig, 'context'],
    ['regelingen', 'Verzekeringen en regelingen gestopt', K.trig, 'context'],
    ['schulden', 'Schulden na terugvordering toeslagen', K.keep, 'context'],
    ['beslag', 'Beslag op inkomen', K.worse, 'context'],
    ['boetes', 'Boetes en aanmaningskosten', K.worse, 'context'],
    ['deurwaarder', 'Deurwaarder aan de deur', K.worse, 'context'],
    ['zorgpremie', 'Achterstand zorgverzekering', K.worse, 'context'],
    ['post', 'Geen overzicht over de post', K.keep, 'parents'],
    ['brieven', 'Brieven niet meer openen', K.keep, 'parents'],
    ['energie', 'Energierekening niet betaald', K.worse, 'context'],
    ['armoede', 'Geldzorgen in het gezin', K.keep, 'family'],
    ['compensatie', 'Compensatie laat op zich wachten', K.worse, 'context'],
    ['bewijzen', 'Steeds moeten bewijzen gedupeerde te zijn', K.worse, 'context'],
    ['reisgeld', 'Geen geld voor reizen', K.worse, 'context'],
    ['buffer', 'Geen buffer voor onverwachte kosten', K.worse, 'context'],
    ['afbetaling', 'Afbetalingsregeling te hoog', K.worse, 'context'],
    ['budgetcoach', 'Budgetcoach die de tijd neemt', K.help, 'context'],
    ['aanspreekpunt', 'Schuldhulp met één aanspreekpunt', K.help, 'care'],
    ['sanering', 'Schuldregeling aangevraagd', K.help, 'context'],
  ],
  // Hoe het met moeder gaat
  [
    ['jeugd', 'Eigen jeugd met uithuisplaatsing', K.pre, 'parents'],
    ['klachten', 'Onbehandelde psychische klachten', K.pre, 'parents'],
    ['zelfvertrouwen', 'Weinig zelfvertrouwen', K.pre, 'parents'],
    ['lezen', 'Moeite met lezen van brieven', K.pre, 'parents'],
    ['stress', 'Aanhoudende (toxische) stress', K.keep, 'parents'],
    ['uitputting', 'Uitputting', K.keep, 'parents'],
    ['slapen', 'Slecht slapen', K.keep, 'parents'],
    ['piekeren', 'Piekeren', K.keep, 'parents'],
    ['schaamte', 'Schaamte', K.keep, 'parents'],
    ['schuldgevoel', 'Schuldgevoel naar de kinderen', K.keep, 'parents'],
    ['somber', 'Somberheid', K.keep, 'parents'],
    ['alert', 'Verhoogde alertheid en wantrouwen', K.keep, 'parents'],
    ['lichamelijk', 'Lichamelijke klachten', K.worse, 'parents'],
    ['opstapeling', 'Opstapeling van problemen', K.keep, 'parents'],
    ['verlies', 'Verlies van een dierbare', K.trig, 'parents'],
    ['angstpost', 'Angst voor de brievenbus', K.keep, 'parents'],
    ['reflecteren', 'Bereidheid om te reflecteren', K.help, 'parents'],
    ['wandelen', 'Wandelen met een vriendin', K.help, 'parents'],
    ['huisarts', 'Huisarts die luistert', K.help, 'care'],
    ['creatief', 'Creatief bezig zijn', K.help, 'parents'],
  ],
  // De keten van hulp
  [
    ['gedwongen', 'Vrijwillige uithuisplaatsing werd gedwongen hulp', K.trig, 'care'],
    ['melding', 'Melding bij Veilig Thuis', K.trig, 'care'],
    ['professionals', 'Tientallen betrokken professionals', K.keep, 'care'],
    ['wisselingen', 'Wisselingen van personeel', K.keep, 'care'],
    ['caseload', 'Hoge caseloads', K.keep, 'care'],
    ['ggz', 'Wachttijden GGZ', K.worse, 'care'],
    ['versnipperd', 'Versnipperde aanpak', K.keep, 'care'],
    ['fouten', 'Angst om fouten te maken', K.keep, 'care'],
    ['avg', 'AVG-grenzen aan gegevensdeling', K.worse, 'care'],
    ['dossiers', 'Verouderde dossiers', K.worse, 'care'],
    ['verhaal', 'Steeds opnieuw het verhaal vertellen', K.worse, 'care'],
    ['adviezen', 'Tegenstrijdige adviezen', K.worse, 'care'],
    ['afspraken', 'Afspraken missen', K.keep, 'care'],
    ['toezicht', 'Meer toezicht en controle', K.worse, 'care'],
    ['rapportages', 'Negatief beeld in rapportages', K.worse, 'care'],
    ['overdracht', 'Overdracht zonder kennismaking', K.worse, 'care'],
    ['regie', 'Regie bij niemand', K.keep, 'care'],
    ['wijzen', 'Organisaties wijzen naar elkaar', K.worse, 'care'],
    ['wijkteam', 'Wijkteam niet meer betrokken', K.worse, 'care'],
    ['nietbesproken', 'Rapportages niet met ouder besproken', K.worse, 'care'],
    ['procesbegeleiding', 'Traumasensitieve procesbegeleiding', K.help, 'care'],
    ['onafhankelijk', 'Onafhankelijke positie', K.help, 'care'],
    ['spoedroute', 'Spoedroutes bij organisaties', K.help, 'care'],
    ['eerlijk', 'Eerlijk zijn over wat wel en niet kan', K.help, 'care'],
    ['casusregie', 'Eén casusregisseur', K.help, 'care'],
    ['gezinsplan', 'Eén gezamenlijk gezinsplan', K.help, 'care'],
    ['mdo', 'Overleg met de ouders erbij', K.help, 'care'],
  ],
  // Vertrouwen en samenwerking
  [
    ['wantrouwen', 'Vertrouwen in instanties kwijt', K.keep, 'care'],
    ['afslaan', 'Hulp afslaan uit angst de regie te verliezen', K.keep, 'care'],
    ['bekeken', 'Zich bekeken en beoordeeld voelen', K.worse, 'care'],
    ['boos', 'Boosheid in gesprekken', K.keep, 'parents'],
    ['vastlopen', 'Gesprekken lopen vast', K.keep, 'care'],
    ['label', "Ouder wordt 'niet meewerkend' genoemd", K.worse, 'care'],
    ['inspraak', 'Geen inspraak in het plan', K.worse, 'care'],
    ['gebroken', 'Eerdere beloftes van hulpverleners gebroken', K.pre, 'care'],
    ['eigenregie', 'Eigen regie', K.help, 'parents'],
    ['ervaring', 'Ervaringsdeskundige als maatje', K.help, 'network'],
    ['tijd', 'De tijd nemen', K.help, 'care'],
    ['agenda', 'Samen de agenda maken', K.help, 'care'],
  ],
  // De kinderen
  [
    ['uithuis', 'Kinderen uithuisgeplaatst', K.prob, 'child'],
    ['contact', 'Contact met de kinderen beperkt', K.prob, 'family'],
    ['terugplaatsing', 'Terugplaatsing blijft uit', K.prob, 'child'],
    ['heimwee', 'Heimwee bij de jongste', K.keep, 'child'],
    ['onrust', 'Onrust na bezoek', K.keep, 'child'],
    ['school', 'Schoolverzuim van de oudste', K.worse, 'child'],
    ['loyaliteit', 'Loyaliteitsconflict', K.keep, 'child'],
    ['pleeggezinnen', 'Wisselende pleeggezinnen', K.worse, 'child'],
    ['groep', 'Gedragsproblemen in de groep', K.worse, 'child'],
    ['apart', 'Broer en zus apart geplaatst', K.worse, 'child'],
    ['naarhuis', 'Kinderen willen naar huis', K.keep, 'child'],
    ['middelste', 'Teruggetrokken gedrag van de middelste', K.keep, 'child'],
    ['slaapkind', 'Nachtmerries bij de jongste', K.keep, 'child'],
    ['band', 'Band met de kinderen', K.help, 'family'],
    ['pleegouders', 'Pleegouders die contact steunen', K.help, 'family'],
    ['mentor', 'Mentor op school', K.help, 'child'],
    ['broerzus', 'Broer en zus zien elkaar elke week', K.help, 'child'],
    ['bezoekregeling', 'Bezoekregeling in overleg', K.help, 'parenting'],
    ['opvoeden', 'Weinig oefening met opvoeden', K.keep, 'parenting'],
    ['begeleid', 'Alleen begeleide omgang', K.worse, 'parenting'],
    ['bezoekkosten', 'Kosten van begeleid bezoek', K.worse, 'parenting'],
    ['verjaardagen', 'Verjaardagen samen vieren', K.help, 'family'],
    ['zorgen', 'Zorgen over de veiligheid thuis', K.keep, 'parenting'],
  ],
  // Wonen
  [
    ['dakloos', 'Dakloos / wonen in de auto', K.worse, 'context'],
    ['bank', 'Tijdelijk op de bank bij familie', K.worse, 'context'],
    ['kamers', 'Woning met te weinig slaapkamers', K.worse, 'context'],
    ['woningmarkt', 'Schaarste op de woningmarkt', K.worse, 'context'],
    ['urgentie', 'Urgentie afgewezen', K.worse, 'context'],
    ['adres', 'Geen vast adres voor post', K.worse, 'context'],
    ['reistijd', 'Veel reistijd voor bezoek aan de kinderen', K.worse, 'context'],
    ['huurachterstand', 'Huurachterstand', K.worse, 'context'],
    ['uitzetting', 'Dreigende huisuitzetting', K.worse, 'context'],
    ['corporatie', 'Woningcorporatie denkt mee', K.help, 'context'],
    ['bezoeklocatie', 'Bezoeklocatie dichtbij', K.help, 'context'],
    ['verweg', 'Tijdelijke woning ver weg', K.worse, 'context'],
  ],
  // Het netwerk
  [
    ['isolement', 'Sociaal isolement', K.keep, 'network'],
    ['familie', 'Contact met familie verbroken', K.keep, 'network'],
    ['expartner', 'Spanningen met ex-partner', K.worse, 'network'],
    ['afhaken', 'Vriendinnen haken af', K.keep, 'network'],
    ['praten', 'Niemand om mee te praten', K.keep, 'network'],
    ['oma', 'Oma wil helpen maar wordt niet betrokken', K.worse, 'network'],
    ['netwerksteun', 'Steun uit het netwerk', K.help, 'network'],
    ['zus', 'Steunende zus', K.help, 'network'],
    ['buurvrouw', 'Buurvrouw die meedenkt', K.help, 'network'],
    ['vereniging', 'Contact via de sportvereniging', K.help, 'network'],
    ['meegaan', 'Vriendin die meegaat naar gesprekken', K.help, 'network'],
  ],
  // Vader
  [
    ['vaderstress', 'Stress bij vader', K.keep, 'parents'],
    ['werkloos', 'Vader verloor zijn baan', K.trig, 'parents'],
    ['buitengesloten', 'Vader voelt zich buitengesloten', K.keep, 'parents'],
    ['drinken', 'Vader drinkt meer', K.worse, 'parents'],
    ['ruzie', 'Ruzies tussen de ouders', K.keep, 'family'],
    ['betrokken', 'Vader wil betrokken zijn', K.help, 'parents'],
    ['vadergroep', 'Vadergroep in de wijk', K.help, 'network'],
    ['werktijden', 'Vader mist bezoeken door werktijden', K.worse, 'parents'],
  ],
  // Werk, dagritme en gezondheid
  [
    ['baan', 'Baan kwijtgeraakt', K.trig, 'context'],
    ['dagritme', 'Geen dagritme', K.keep, 'parents'],
    ['sancties', 'Uitkering met sancties', K.worse, 'context'],
    ['sport', 'Geen geld voor sport van de kinderen', K.worse, 'family'],
    ['medicatie', 'Medicatie niet opgehaald', K.worse, 'parents'],
    ['eigenrisico', 'Eigen risico niet kunnen betalen', K.worse, 'context'],
    ['vrijwilliger', 'Vrijwilligerswerk', K.help, 'parents'],
    ['reintegratie', 'Re-integratie met een vaste coach', K.help, 'context'],
    ['nachtdienst', 'Werken in nachtdiensten', K.worse, 'parents'],
  ],
  // Buiten het gezin
  [
    ['media', 'Negatieve media-aandacht', K.worse, 'context'],
    ['buurt', 'Geroddel in de buurt', K.worse, 'network'],
    ['beloftes', 'Beloftes die niet worden nagekomen', K.worse, 'context'],
    ['rechtszaak', 'Rechtszitting steeds uitgesteld', K.worse, 'care'],
    ['advocaat', 'Advocaat slecht bereikbaar', K.worse, 'care'],
    ['raad', 'Onderzoek door de Raad voor de Kinderbescherming', K.trig, 'care'],
    ['lotgenoten', 'Lotgenotengroep', K.help, 'network'],
    ['perspectief', 'Toekomstperspectief', K.help, 'family'],
    ['erkenning', 'Erkenning van het onrecht', K.help, 'context'],
    ['herstel', 'Hersteltraject van de overheid', K.help, 'context'],
  ],
];

/** Hand-written influences: `from>to` is versterkt (+), `from>to-` is vermindert (−). */
const CORE = `
terugvordering>schulden terugvordering>schaamte terugvordering>bewijzen regelingen>schulden regelingen>zorgpremie
schulden>stress stress>afspraken afspraken>boetes boetes>schulden schulden>beslag beslag>armoede armoede>stress
schulden>deurwaarder deurwaarder>schaamte schaamte>isolement isolement>stress post>brieven brieven>boetes
zorgpremie>eigenrisico eigenrisico>medicatie medicatie>klachten energie>schulden armoede>energie armoede>sport
compensatie>bewijzen bewijzen>stress bewijzen>wantrouwen armoede>reisgeld reisgeld>afspraken reisgeld>contact
budgetcoach>boetes- budgetcoach>post- aanspreekpunt>deurwaarder- aanspreekpunt>versnipperd- sanering>beslag-
schulden>budgetcoach budgetcoach>schulden- sanering>stress-
jeugd>alert jeugd>schaamte klachten>stress klachten>somber zelfvertrouwen>afslaan zelfvertrouwen>schaamte
lezen>brieven lezen>post lezen>afspraken stress>slapen slapen>uitputting uitputting>afspraken stress>uitputting
stress>piekeren piekeren>slapen somber>isolement stress>lichamelijk 
opstapeling>stress schulden>opstapeling uithuis>opstapeling alert>wantrouwen schuldgevoel>stress schuldgevoel>somber
reflecteren>boos- wandelen>piekeren- wandelen>isolement- huisarts>klachten- huisarts>slapen- ggz>klachten
gedwongen>wantrouwen gedwongen>uithuis melding>toezicht melding>uithuis raad>rapportages raad>stress
professionals>versnipperd versnipperd>verhaal verhaal>wantrouwen wisselingen>verhaal wisselingen>dossiers wisselingen>overdracht
overdracht>verhaal caseload>wisselingen caseload>fouten fouten>toezicht dossiers>rapportages avg>versnipperd avg>verhaal
professionals>adviezen adviezen>vastlopen versnipperd>regie regie>wijzen wijzen>wantrouwen wijzen>afspraken
afspraken>rapportages rapportages>toezicht toezicht>rapportages toezicht>bekeken rapportages>terugplaatsing
rapportages>uithuis uithuis>professionals professionals>fouten afspraken>contact
procesbegeleiding>wantrouwen- procesbegeleiding>verhaal- onafhankelijk>bekeken- spoedroute>ggz- spoedroute>uitzetting-
eerlijk>wantrouwen- eerlijk>vastlopen- casusregie>regie- casusregie>versnipperd- gezinsplan>adviezen- gezinsplan>inspraak-
wantrouwen>afslaan afslaan>toezicht bekeken>wantrouwen bekeken>boos boos>vastlopen vastlopen>label label>toezicht
label>rapportages inspraak>afslaan afslaan>professionals alert>bekeken
eigenregie>afslaan- eigenregie>inspraak- ervaring>wantrouwen- ervaring>isolement- tijd>vastlopen- tijd>verhaal-
afslaan>eigenregie- eigenregie>perspectief perspectief>eigenregie
uithuis>contact contact>schuldgevoel contact>heimwee heimwee>onrust onrust>contact uithuis>apart apart>heimwee
uithuis>pleeggezinnen pleeggezinnen>groep groep>onrust groep>begeleid begeleid>contact uithuis>loyaliteit loyaliteit>onrust
contact>naarhuis naarhuis>loyaliteit onrust>school uithuis>middelste middelste>school heimwee>slaapkind
contact>opvoeden opvoeden>zorgen zorgen>terugplaatsing zorgen>begeleid terugplaatsing>schuldgevoel
band>afspraken- band>perspectief perspectief>band pleegouders>loyaliteit- pleegouders>contact- mentor>school-
broerzus>heimwee- bezoekregeling>begeleid- bezoekregeling>onrust-
woningmarkt>kamers woningmarkt>urgentie urgentie>dakloos kamers>terugplaatsing dakloos>adres adres>brieven
dakloos>bank huurachterstand>uitzetting uitzetting>dakloos armoede>huurachterstand reistijd>uitputting
reistijd>contact dakloos>reistijd corporatie>urgentie- corporatie>uitzetting- bezoeklocatie>reistijd-
isolement>praten praten>piekeren familie>isolement expartner>stress expartner>loyaliteit afhaken>isolement
schaamte>afhaken oma>familie netwerksteun>isolement- zus>stress- buurvrouw>praten- vereniging>isolement-
isolement>zus- zus>isolement- oma>netwerksteun-
werkloos>vaderstress werkloos>armoede vaderstress>drinken drinken>ruzie ruzie>stress ruzie>vaderstress
buitengesloten>vaderstress toezicht>buitengesloten ruzie>zorgen betrokken>buitengesloten- vadergroep>drinken-
vadergroep>vaderstress- betrokken>contact-
baan>dagritme baan>armoede dagritme>slapen dagritme>afspraken sancties>armoede afspraken>sancties
vrijwilliger>dagritme- vrijwilliger>isolement- reintegratie>sancties- reintegratie>dagritme-
media>schaamte media>alert buurt>schaamte buurt>isolement beloftes>wantrouwen rechtszaak>terugplaatsing
rechtszaak>stress advocaat>rechtszaak lotgenoten>isolement- lotgenoten>schaamte- erkenning>wantrouwen-
erkenning>perspectief perspectief>stress-
buffer>schulden afbetaling>armoede afbetaling>stress verlies>somber angstpost>brieven post>angstpost creatief>piekeren-
wijkteam>versnipperd nietbesproken>wantrouwen nietbesproken>bekeken mdo>nietbesproken- mdo>vastlopen- gebroken>wantrouwen
agenda>afspraken- bezoekkosten>contact armoede>bezoekkosten verjaardagen>band verjaardagen>heimwee- verweg>reistijd
woningmarkt>verweg meegaan>bekeken- meegaan>boos- werktijden>contact werktijden>buitengesloten nachtdienst>slapen
herstel>schulden- herstel>erkenning
`;

/** Kinds an influence may run between when links are added by the generator. */
const MAY_INFLUENCE: Record<FactorKind, readonly FactorKind[]> = {
  predisposing: ['perpetuating', 'aggravating'],
  precipitating: ['perpetuating', 'aggravating', 'problem'],
  perpetuating: ['perpetuating', 'aggravating'],
  aggravating: ['perpetuating'],
  problem: ['perpetuating'],
  protective: ['perpetuating', 'aggravating'],
};

const TARGET_LINKS = 300;
const SEED = 20_260_531;

function buildFile(): Record<string, unknown> {
  const random = seededRandom(SEED);
  const specs = THEMES.flat();
  const idOf = new Map(specs.map(([key], i) => [key, `f${i + 1}`]));
  const themeOf = new Map(THEMES.flatMap((theme, t) => theme.map(([key]) => [key, t] as const)));
  const kindOf = new Map(specs.map(([key, , kind]) => [key, kind]));
  if (idOf.size !== specs.length) throw new Error('duplicate factor key');

  const links: Array<{ from: string; to: string; polarity: Polarity }> = [];
  const seen = new Set<string>();
  const addLink = (from: string, to: string, polarity: Polarity) => {
    if (!idOf.has(from) || !idOf.has(to)) throw new Error(`unknown factor in ${from}>${to}`);
    if (from === to || seen.has(`${from}>${to}`)) return;
    seen.add(`${from}>${to}`);
    links.push({ from, to, polarity });
  };
  for (const token of CORE.split(/\s+/).filter(Boolean)) {
    const match = /^([a-z]+)>([a-z]+)(-?)$/.exec(token);
    if (!match) throw new Error(`cannot read ${token}`);
    addLink(match[1]!, match[2]!, match[3] ? '-' : '+');
  }
  // More influences inside a theme, and only where they close no new circle: the loops stay the hand-written ones,
  // which people can read, instead of thousands of accidental detours.
  const reaches = (start: string, goal: string): boolean => {
    const seenFactors = new Set([start]);
    const todo = [start];
    while (todo.length > 0) {
      const at = todo.pop()!;
      if (at === goal) return true;
      for (const l of links) {
        if (l.from === at && !seenFactors.has(l.to)) {
          seenFactors.add(l.to);
          todo.push(l.to);
        }
      }
    }
    return false;
  };
  while (links.length < TARGET_LINKS) {
    const [from, , fromKind] = specs[Math.floor(random() * specs.length)]!;
    const [to, , toKind] = specs[Math.floor(random() * specs.length)]!;
    if (!MAY_INFLUENCE[fromKind].includes(toKind) || themeOf.get(to) !== themeOf.get(from) || reaches(to, from)) continue;
    addLink(from, to, fromKind === 'protective' ? '-' : '+');
  }

  // Columns by kind, as placeByKind does, with the big kinds spread over several columns of at most 12.
  const columns: FactorKind[] = ['predisposing', 'precipitating', 'perpetuating', 'aggravating', 'problem', 'protective'];
  const perColumn = 12;
  let x = 0;
  const position = new Map<string, { x: number; y: number }>();
  for (const kind of columns) {
    const ofKind = specs.filter(([, , k]) => k === kind);
    ofKind.forEach(([key], i) => position.set(key, { x: (x + Math.floor(i / perColumn)) * 280, y: (i % perColumn) * 120 }));
    x += Math.ceil(ofKind.length / perColumn);
  }

  const linkId = new Map(links.map((l, i) => [`${l.from}>${l.to}`, `l${i + 1}`]));
  const loopThrough = (...keys: string[]) => keys.map((k, i) => linkId.get(`${k}>${keys[(i + 1) % keys.length]}`)!);
  const ids = (...keys: string[]) => keys.map((k) => idOf.get(k)!);

  return {
    format: 'samenzicht/analysis',
    version: 1,
    title: 'Voorbeeldgezin (groot) — verklarende analyse',
    factors: specs.map(([key, label, kind, domain]) => ({
      id: idOf.get(key),
      label,
      kind,
      domain,
      evidence: kindOf.get(key) === 'protective' || random() < 0.7 ? 'observation' : 'hypothesis',
      note: '',
      position: position.get(key),
    })),
    links: links.map((l, i) => ({ id: `l${i + 1}`, from: idOf.get(l.from), to: idOf.get(l.to), polarity: l.polarity, note: '' })),
    actors: [
      { id: 'a1', name: 'Moeder', role: 'parent', factors: ids('stress', 'uitputting', 'schaamte', 'schuldgevoel', 'wantrouwen', 'band', 'eigenregie') },
      { id: 'a2', name: 'Vader', role: 'parent', factors: ids('vaderstress', 'buitengesloten', 'betrokken') },
      { id: 'a3', name: 'Oudste zoon', role: 'child', factors: ids('school', 'mentor') },
      { id: 'a4', name: 'Jongste dochter', role: 'child', factors: ids('heimwee', 'slaapkind', 'broerzus') },
      { id: 'a5', name: 'Zus van moeder', role: 'network', factors: ids('zus', 'netwerksteun') },
      { id: 'a6', name: 'Gezinsvoogd', role: 'professional', factors: ids('toezicht', 'rapportages', 'wisselingen', 'bezoekregeling') },
      { id: 'a7', name: 'Budgetcoach', role: 'professional', factors: ids('budgetcoach', 'schulden') },
      { id: 'a8', name: 'Procesbegeleider', role: 'facilitator', factors: ids('procesbegeleiding', 'tijd', 'eerlijk') },
    ],
    loops: [
      { links: loopThrough('schulden', 'stress', 'afspraken', 'boetes'), name: 'De schuldenspiraal' },
      { links: loopThrough('wantrouwen', 'afslaan', 'toezicht', 'bekeken'), name: 'Wantrouwen en toezicht' },
      { links: loopThrough('contact', 'heimwee', 'onrust'), name: 'Na elk bezoek minder contact' },
    ],
  };
}

const file = buildFile();
const parsed = parseAnalysisFile(file);
if (!parsed.ok || parsed.warnings.length > 0) {
  throw new Error(`generated file does not parse cleanly: ${JSON.stringify(parsed.ok ? parsed.warnings : parsed.errors)}`);
}
const { loops, truncated } = findLoops(parsed.value, { timeBudgetMs: 10_000 });
const lines = ['{', '  "format": "samenzicht/analysis",', '  "version": 1,', `  "title": ${JSON.stringify(file.title)},`];
for (const key of ['factors', 'links', 'actors', 'loops'] as const) {
  const items = (file[key] as unknown[]).map((item) => `    ${JSON.stringify(item)}`);
  lines.push(`  "${key}": [`, items.join(',\n'), `  ]${key === 'loops' ? '' : ','}`);
}
lines.push('}');
writeFileSync(new URL('./large.samenzicht.json', import.meta.url), `${lines.join('\n')}\n`);
console.log(
  `large.samenzicht.json: ${parsed.value.factors.length} factors, ${parsed.value.links.length} links, ` +
    `${loops.length} loops${truncated ? ' (truncated)' : ''}, ${loops.filter((l) => l.vicious).length} vicious`,
);
