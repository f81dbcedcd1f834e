/**
 * Word lists behind the sentence-boundary rules. Entries are written without their final dot and are
 * matched case-sensitively (an all-caps word is also tried in title case, for wire headlines like "NOV. 15").
 */

/** Titles and fixed prefixes that are always followed by more of the same sentence ("Sen. Warren", "vs. Ohio"). */
export const NEVER_FINAL = new Set([
  "Mr",
  "Mrs",
  "Ms",
  "Messrs",
  "Mmes",
  "Dr",
  "Drs",
  "Prof",
  "Profs",
  "Sen",
  "Sens",
  "Rep",
  "Reps",
  "Gov",
  "Govs",
  "Lt",
  "Gen",
  "Gens",
  "Col",
  "Capt",
  "Cmdr",
  "Cdr",
  "Adm",
  "Maj",
  "Brig",
  "Sgt",
  "Cpl",
  "Pvt",
  "Pfc",
  "Spc",
  "Ens",
  "Rev",
  "Revs",
  "Fr",
  "Msgr",
  "Hon",
  "Pres",
  "Supt",
  "Insp",
  "Det",
  "Amb",
  "Atty",
  "Mt",
  "Ft",
  "Sta",
  "Ste",
  "vs",
  "v",
  "cf",
  "viz",
  "approx",
  "ca",
  "incl",
  "e.g",
  "i.e",
]);

/** Prefixes of a number: they end no sentence when a number follows ("No. 10", "p. 5", "Vol. 2"). */
export const NUMBER_PREFIXES = new Set([
  "No",
  "Nos",
  "no",
  "nos",
  "p",
  "pp",
  "Vol",
  "vol",
  "Vols",
  "Art",
  "art",
  "Fig",
  "fig",
  "Figs",
  "Ch",
  "ch",
  "Chap",
  "Sec",
  "sec",
  "Para",
  "para",
  "Op",
  "op",
  "Ext",
  "ext",
  "Tel",
  "tel",
  "Nr",
  "Rs",
  "Pt",
  "pt",
  "Ref",
  "Rte",
  "Exh",
  "Prop",
  "Apt",
  "Rm",
  "Bldg",
  "Dist",
  "Div",
  "Reg",
  "Matt",
  "Cor",
  "Rom",
  "Heb",
]);

/** Month abbreviations (AP style and common variants): they end no sentence when a day or year follows. */
export const MONTHS = new Set([
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Sept",
  "Oct",
  "Nov",
  "Dec",
]);

/**
 * Abbreviations that can also be the last word of a sentence ("He moved to the U.S."): they end one only
 * when a word from {@link SENTENCE_STARTERS} follows. Dotted acronyms (U.S., D.C., J.R.R.) and single initials
 * are recognised by shape, not listed here.
 */
export const MAYBE_FINAL = new Set([
  // Companies and name suffixes.
  "Inc",
  "Corp",
  "Co",
  "Cos",
  "Ltd",
  "Bros",
  "Plc",
  "Assn",
  "Dept",
  "Univ",
  "Jr",
  "Sr",
  "Esq",
  "al",
  "etc",
  // Streets and places.
  "St",
  "Ave",
  "Blvd",
  "Rd",
  "Hwy",
  "Pkwy",
  "Ln",
  "Sq",
  "Pl",
  "Cir",
  "Ct",
  // Units.
  "mi",
  "ft",
  "yd",
  "yds",
  "lb",
  "lbs",
  "oz",
  "gal",
  "hr",
  "hrs",
  "sq",
  "cu",
  "mph",
  // US states as AP style abbreviates them (two-letter dotted ones like N.Y. are acronyms by shape).
  "Ala",
  "Ariz",
  "Ark",
  "Calif",
  "Colo",
  "Conn",
  "Del",
  "Fla",
  "Ga",
  "Ill",
  "Ind",
  "Kan",
  "Kans",
  "Ky",
  "La",
  "Md",
  "Mass",
  "Mich",
  "Minn",
  "Miss",
  "Mo",
  "Mont",
  "Neb",
  "Nebr",
  "Nev",
  "Okla",
  "Ore",
  "Pa",
  "Penn",
  "Tenn",
  "Tex",
  "Va",
  "Vt",
  "Wash",
  "Wis",
  "Wisc",
  "Wyo",
  // Canadian provinces and party labels seen after names ("(R-Ind.)").
  "Alta",
  "Ont",
  "Que",
  "Sask",
  "Dem",
]);

/**
 * Capitalised words that usually open a sentence and are rarely the next part of a name: after an
 * abbreviation that {@link MAYBE_FINAL} allows to end a sentence, one of these means it did.
 */
export const SENTENCE_STARTERS = new Set(
  (
    "A An The This That These Those There Here It Its He She His Her Him They Them Their We Our Us I " +
    "My Me You Your One Some Many Most Much More Few Several All Both Each Every Any No None Neither " +
    "Either Another Other Others Such What Which Who Whom Whose Why How When Where Whether While " +
    "If Unless Until Although Though Because Since As After Before During Despite Instead Also But " +
    "And Or Nor So Yet Still However Meanwhile Moreover Furthermore Nevertheless Nonetheless Thus " +
    "Therefore Hence Indeed Then Now Later Earlier Today Tonight Yesterday Tomorrow Last Next " +
    "Finally Overall Asked According In On At By For From With Without Within Into To Of " +
    "Under Over Among Between Against Through Throughout About Around Across Along Behind Beyond " +
    "Like Unlike Not Nothing Everyone Everything Someone Something Anyone Anything Nobody Even Only " +
    "Just Already Perhaps Maybe Yes Well Once Twice Officials Authorities Critics Analysts " +
    "Experts Investigators Witnesses Residents Do Does Did Is Are Was Were Has Have Had Will Would Can " +
    "Could Should Shall Must Might Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve Twenty " +
    "Thirty Forty Fifty Hundreds Thousands Millions Dozens"
  ).split(" "),
);

/** Names and nouns ending in "-ing" that follow an abbreviation as part of a name ("U.S. Swimming", "Acme Co. Publishing"). */
export const ING_NAMES = new Set(
  (
    "Beijing Nanjing Chongqing Kunming Harbin Sterling Fleming Harding Reading Pershing Browning Manning " +
    "Channing Golding Redding Dowling Spalding Kipling Irving Ewing Bing Ming King Viking Boeing Wyoming " +
    "Swimming Skiing Skating Sailing Rowing Boxing Wrestling Cycling Diving Fencing Curling Bowling Racing " +
    "Shooting Broadcasting Publishing Shipping Banking Mining Engineering Manufacturing Housing Building " +
    "Printing Holding Trading Consulting Marketing Clothing Lighting Computing Networking Catering"
  ).split(" "),
);

/** Words that continue a time ("10 a.m. Monday", "3 p.m. EST") instead of starting a sentence. */
export const TIME_CONTINUATIONS = new Set(
  (
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue Tues Wed Thu Thur Thurs Fri Sat " +
    "Sun January February March April May June July August September October November December Jan Feb " +
    "Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec ET EST EDT CT CST CDT MT MST MDT PT PST PDT GMT UTC BST " +
    "CET CEST IST JST AEST Eastern Central Mountain Pacific Atlantic Greenwich Moscow Beijing Tokyo " +
    "London Paris local Local Zulu"
  ).split(" "),
);

/** Verbs of saying: `"Why?" Smith asked.` keeps the attribution with the quote. */
export const SPEECH_VERBS = new Set(
  (
    "said says say asked asks ask added adds told tells replied replies wrote writes shouted shouts " +
    "yelled yells explained explains insisted insists recalled recalls continued continues noted notes " +
    "declared declares tweeted tweets wondered wonders joked jokes cried cries screamed whispered " +
    "answered answers responded responds argued argues warned warns stated states exclaimed quipped"
  ).split(" "),
);

/** Lower-case words that cannot end a line of text on their own, so the line must be wrapped mid-sentence. */
export const DANGLING_WORDS = new Set(
  (
    "the a an of to and or but nor with for in on at by from into onto that which who whose as than " +
    "his her its their our my your this these those is are was were be been has have had will would " +
    "can could should may might must not"
  ).split(" "),
);
