/*
 * Demo content for Broadsheet, written for this project. Every place, person, publisher and
 * event is fictional; source URLs use the reserved example.com / example.org domains.
 */

export interface SeedUser {
  username: string;
  bio: string;
}

export interface SeedSource {
  publisher: string;
  title: string;
  url: string;
  retrievedAt: string;
}

export interface SeedArticle {
  author: string;
  title: string;
  description: string;
  body: string;
  tagList: string[];
  section: string;
  dateline: string;
  /** Present for AI-written articles. */
  ai?: { generator: string; sources: SeedSource[] };
}

export const SEED_USERS: SeedUser[] = [
  { username: 'newsdesk', bio: 'The Broadsheet news desk: wire reports, written up and checked.' },
  { username: 'maya_okafor', bio: 'City hall and transport.' },
  { username: 'tomas_lind', bio: 'Markets, energy and the economy.' },
  { username: 'priya_raman', bio: 'Science and health.' },
  { username: 'leo_marchetti', bio: 'Sport, mostly football.' },
  { username: 'reader_june', bio: 'Reads everything, comments on some of it.' },
];

/** Who follows whom: [follower, followee]. */
export const SEED_FOLLOWS: Array<[string, string]> = [
  ['reader_june', 'newsdesk'],
  ['reader_june', 'maya_okafor'],
  ['reader_june', 'priya_raman'],
  ['tomas_lind', 'newsdesk'],
  ['maya_okafor', 'tomas_lind'],
  ['priya_raman', 'maya_okafor'],
  ['leo_marchetti', 'newsdesk'],
];

export const GENERATOR = 'broadsheet-writer 1.0';
const WIRE = 'Harbour City Wire';
const GAZETTE = 'Northgate Gazette';
const BULLETIN = 'Riverside Bulletin';

const source = (publisher: string, title: string, path: string): SeedSource => ({
  publisher,
  title,
  url: `https://${publisher === GAZETTE ? 'example.org' : 'example.com'}/${path}`,
  retrievedAt: '2026-03-02T06:00:00.000Z',
});

/** The front-page piece: AI-written from three reports, with attributions and a disclosure. */
export const LEAD_ARTICLE: SeedArticle = {
  author: 'newsdesk',
  title: 'Harbour City approves 14 km tram line after overnight session',
  description: 'Councillors voted 31 to 12 for the Eastbank line; construction could start next spring, officials said.',
  section: 'Local',
  dateline: 'HARBOUR CITY, March 2',
  tagList: ['transport', 'city-council', 'infrastructure'],
  body: [
    'Harbour City council approved a 14-kilometre tram line to the Eastbank districts early on Monday after a session that ran past 2 a.m., according to Harbour City Wire.',
    '',
    '## The vote',
    '',
    'The measure passed 31 to 12, the Wire reported. Opponents argued the 1.9 billion budget left too little for bus services, according to the Northgate Gazette, which quoted councillor Ines Varga as saying the city was "betting the whole transport budget on one line".',
    '',
    '## What it costs',
    '',
    'About two thirds of the cost is to come from a regional infrastructure fund, the Riverside Bulletin reported, citing the city finance office. The remainder would be borrowed over 30 years.',
    '',
    '## What happens next',
    '',
    'Utility works along the route could begin in the autumn, with track laying from next spring, a city spokesperson told Harbour City Wire. The first trams would run in 2030 at the earliest.',
  ].join('\n'),
  ai: {
    generator: GENERATOR,
    sources: [
      source(WIRE, 'Council backs Eastbank tram after marathon session', 'wire/2026/03/02/eastbank-tram-vote'),
      source(GAZETTE, 'Tram line splits council over bus budget', 'gazette/local/tram-bus-budget'),
      source(BULLETIN, 'Regional fund to cover most of tram bill', 'bulletin/money/tram-funding'),
    ],
  },
};

type Brief = [section: string, dateline: string, author: string, title: string, description: string, tags: string[], lead: string, next: string];

/** Shorter pieces across the sections; every third one is AI-written from wire copy. */
const BRIEFS: Brief[] = [
  ['Local', 'HARBOUR CITY, March 1', 'maya_okafor', 'Night buses return to the harbour loop', 'Route N4 runs again from Friday after a two-year pause.', ['transport', 'buses'], 'The N4 night bus will run every 20 minutes between midnight and 5 a.m.', 'The operator said it would review demand after six months.'],
  ['Local', 'HARBOUR CITY, March 1', 'maya_okafor', 'Library opening hours extended in four districts', 'Branches in Eastbank and Millside will open on Sundays.', ['libraries', 'city-council'], 'Four branch libraries will open on Sundays from April.', 'The council will fund the extra hours for two years.'],
  ['Local', 'NORTHGATE, February 28', 'newsdesk', 'Northgate bridge closes for three weeks of repairs', 'Drivers face detours while the deck is resurfaced.', ['infrastructure', 'roads'], 'The Old Mill bridge closes to traffic on Monday for resurfacing.', 'Pedestrians can still cross on a temporary walkway.'],
  ['Local', 'HARBOUR CITY, February 27', 'maya_okafor', 'City to plant 5,000 street trees by autumn', 'The programme targets the districts with the least shade.', ['environment', 'city-council'], 'Crews will plant 5,000 trees, mostly in Millside and the Docklands.', 'Residents can request a tree outside their home online.'],
  ['Local', 'RIVERSIDE, February 26', 'newsdesk', 'Riverside market reopens after flood clean-up', 'Traders return a month after the river burst its banks.', ['floods', 'business'], 'Sixty stalls reopened on Saturday at the Riverside covered market.', 'Traders hit by the flood can apply for grants until April.'],
  ['Business', 'HARBOUR CITY, March 2', 'tomas_lind', 'Port volumes up 6% as new berth opens', 'Container traffic rose for a third straight quarter.', ['ports', 'trade'], 'The port handled 6% more containers in the last quarter than a year earlier.', 'The operator expects the new deep-water berth to add capacity for larger ships.'],
  ['Business', 'HARBOUR CITY, March 1', 'tomas_lind', 'Regional bank holds rates, signals cut later this year', 'Inflation is easing faster than expected, the bank said.', ['economy', 'interest-rates'], 'The regional bank kept its main rate at 3.25% on Thursday.', 'Economists now expect a first cut in the summer.'],
  ['Business', 'NORTHGATE, February 28', 'newsdesk', 'Northgate bakery chain to open ten new shops', 'The family firm is expanding beyond the city for the first time.', ['retail', 'jobs'], 'Millers & Daughters plans ten new shops across the region.', 'The expansion should create about 150 jobs, the company said.'],
  ['Business', 'HARBOUR CITY, February 27', 'tomas_lind', 'Energy prices fall for households from April', 'The regulator cut the price cap by 8%.', ['energy', 'economy'], 'Household energy bills will fall by about 8% from April.', 'Consumer groups said prices remain well above their level five years ago.'],
  ['Business', 'RIVERSIDE, February 25', 'newsdesk', 'Dock workers and operators agree new pay deal', 'The two-year agreement ends months of talks.', ['labour', 'ports'], 'Dock workers will get a 4.5% rise this year and 3% next year.', 'Union members will vote on the deal next week.'],
  ['Science', 'HARBOUR CITY, March 2', 'priya_raman', 'University team maps the harbour seabed in 3D', 'The survey will help plan dredging and protect seagrass.', ['research', 'oceans'], 'Researchers used autonomous boats to map 40 square kilometres of seabed.', 'The data will be published openly later this year.'],
  ['Science', 'NORTHGATE, March 1', 'priya_raman', 'Rare owl spotted in Northgate forest for first time in decades', 'Volunteers confirmed the sighting with camera traps.', ['wildlife', 'environment'], 'A pair of eagle owls has been recorded nesting in Northgate forest.', 'Rangers have closed two trails near the nest until summer.'],
  ['Science', 'HARBOUR CITY, February 28', 'newsdesk', 'Solar farm on former landfill starts feeding the grid', 'The 30-megawatt site can power about 9,000 homes.', ['energy', 'climate'], 'The Eastbank solar farm began supplying power on Friday.', 'A second phase with battery storage is planned for next year.'],
  ['Science', 'RIVERSIDE, February 26', 'priya_raman', 'River water quality best in twenty years, survey finds', 'Upgrades at two treatment works are credited.', ['environment', 'water'], 'Samples from eight sites along the river met bathing-water standards.', 'The agency will test weekly through the summer.'],
  ['Health', 'HARBOUR CITY, March 2', 'priya_raman', 'Walk-in clinic hours extended to evenings', 'Three clinics will stay open until 10 p.m. on weekdays.', ['health', 'city-council'], 'Walk-in clinics in three districts will open until 10 p.m. from next month.', 'Health officials hope the change eases pressure on emergency departments.'],
  ['Health', 'NORTHGATE, February 27', 'newsdesk', 'Flu cases fall for third week in a row', 'Hospital admissions are also down, figures show.', ['health', 'flu'], 'Reported flu cases fell by a fifth in the week to Sunday.', 'Officials still urge older residents to get vaccinated.'],
  ['Health', 'HARBOUR CITY, February 25', 'priya_raman', 'New cycling lanes linked to fewer road injuries', 'Injuries on the redesigned streets fell by a third.', ['health', 'cycling', 'transport'], 'Road injuries fell by a third on streets with protected cycle lanes.', 'The council plans to extend the lanes to two more districts.'],
  ['Sport', 'HARBOUR CITY, March 2', 'leo_marchetti', 'Harbour City FC climb to second after late winner', 'A stoppage-time header settled a tight derby.', ['football', 'derby'], 'Harbour City FC beat Northgate Athletic 2-1 with a header in the 94th minute.', 'The win lifts the club to second, two points off the top.'],
  ['Sport', 'NORTHGATE, March 1', 'leo_marchetti', 'Northgate Athletic appoint new head coach', 'The former youth coach signs a two-year deal.', ['football', 'coaching'], 'Northgate Athletic named their youth coach as head coach on Saturday.', 'She takes charge for the first time against Riverside next week.'],
  ['Sport', 'RIVERSIDE, February 28', 'newsdesk', 'Riverside rowing club wins national eights title', 'The crew led from start to finish.', ['rowing', 'championships'], 'Riverside won the national eights by two lengths on Saturday.', 'The club will send the crew to the European championships in June.'],
  ['Sport', 'HARBOUR CITY, February 27', 'leo_marchetti', 'City marathon to cap entries at 12,000', 'Organisers cite safety on the new harbour route.', ['running', 'city-council'], 'The Harbour City marathon will limit entries to 12,000 runners this year.', 'Entries open on March 15.'],
  ['Culture', 'HARBOUR CITY, March 1', 'maya_okafor', 'Old customs house to become a design museum', 'The listed building has stood empty for a decade.', ['museums', 'architecture'], 'The old customs house will reopen as a design museum in 2028.', 'A public consultation on the plans opens next month.'],
  ['Culture', 'NORTHGATE, February 28', 'newsdesk', 'Northgate film festival announces record programme', 'More than 120 films from 40 countries.', ['film', 'festivals'], 'The Northgate film festival will screen 124 films this year.', 'Tickets go on sale on Monday.'],
  ['Culture', 'RIVERSIDE, February 26', 'maya_okafor', 'Riverside choir marks 100 years with free concert', 'The centenary concert will be held in the market hall.', ['music', 'community'], 'The Riverside community choir will celebrate its centenary with a free concert.', 'Former members are invited to join the final song.'],
  ['World', 'GENEVA, March 2', 'newsdesk', 'Talks on shared river basin resume in Geneva', 'Delegations from five countries are attending.', ['diplomacy', 'water'], 'Negotiations on sharing the river basin resumed on Monday after a year-long pause.', 'Mediators hope to agree a framework by the summer.'],
  ['World', 'BRUSSELS, March 1', 'newsdesk', 'Ministers agree common rules for rail ticketing', 'Passengers should be able to book cross-border trips in one go.', ['rail', 'transport', 'diplomacy'], 'Transport ministers agreed rules for booking cross-border rail trips on one ticket.', 'The rules must still be approved by parliament.'],
  ['World', 'LISBON, February 28', 'tomas_lind', 'Port cities sign pact on shore power for ships', 'Twelve ports commit to plug-in power by 2030.', ['ports', 'climate', 'diplomacy'], 'Twelve port cities signed a pact to offer shore power to docked ships by 2030.', 'Harbour City is among the signatories.'],
  ['Opinion', 'HARBOUR CITY, March 2', 'reader_june', 'Letter: The tram is worth the wait', 'A reader on why the Eastbank line matters.', ['transport', 'letters'], 'I have waited for a tram to Eastbank for twenty years, and I will gladly wait a few more.', 'Build it well, and keep the buses running while you do.'],
  ['Opinion', 'NORTHGATE, February 27', 'tomas_lind', 'Analysis: Why energy bills are falling now', 'Wholesale prices, not policy, did most of the work.', ['energy', 'economy', 'analysis'], 'Wholesale gas prices have halved since last winter, and the cap follows them.', 'The next test is whether suppliers pass on cuts as quickly as rises.'],
  ['Local', 'HARBOUR CITY, March 2', 'newsdesk', 'Ferry timetable changes for spring', 'Extra sailings to the islands from April.', ['ferries', 'transport'], 'Ferries to the outer islands will run four extra sailings a day from April.', 'The summer timetable starts in June.'],
];

/** Every seed article: the lead piece first, then the briefs. */
export const SEED_ARTICLES: SeedArticle[] = [
  LEAD_ARTICLE,
  ...BRIEFS.map(([section, dateline, author, title, description, tagList, lead, next], i): SeedArticle => {
    const aiWritten = author === 'newsdesk' && i % 3 !== 1;
    const attribution = aiWritten ? `, according to ${WIRE}` : '';
    const body = [`${lead.replace(/\.$/, '')}${attribution}.`, '', '## Background', '', description, '', '## What comes next', '', next].join('\n');
    return {
      author,
      title,
      description,
      body,
      tagList,
      section,
      dateline,
      ai: aiWritten ? { generator: GENERATOR, sources: [source(WIRE, title, `wire/2026/${i + 1}`)] } : undefined,
    };
  }),
];

/** Favorites: [reader, article title]. */
export const SEED_FAVORITES: Array<[string, string]> = [
  ...SEED_USERS.filter((u) => u.username !== 'newsdesk').map((u): [string, string] => [u.username, LEAD_ARTICLE.title]),
  ['reader_june', 'Harbour City FC climb to second after late winner'],
  ['reader_june', 'Rare owl spotted in Northgate forest for first time in decades'],
  ['tomas_lind', 'Port volumes up 6% as new berth opens'],
  ['priya_raman', 'River water quality best in twenty years, survey finds'],
  ['leo_marchetti', 'City marathon to cap entries at 12,000'],
];

/** Comments: [author, article title, body]. */
export const SEED_COMMENTS: Array<[string, string, string]> = [
  ['reader_june', LEAD_ARTICLE.title, 'Finally. Will the night buses keep running while they build it?'],
  ['tomas_lind', LEAD_ARTICLE.title, 'The 30-year borrowing is the part to watch: the regional fund share is not guaranteed.'],
  ['maya_okafor', LEAD_ARTICLE.title, 'The route map was published with the council papers; we will link it in a follow-up.'],
  ['leo_marchetti', 'Harbour City FC climb to second after late winner', 'What a finish. The away end went quiet.'],
  ['priya_raman', 'New cycling lanes linked to fewer road injuries', 'The study compares the same streets before and after, which makes it fairly convincing.'],
];
