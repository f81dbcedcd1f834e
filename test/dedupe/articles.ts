// Fictional articles for the dedupe and clustering tests (made up; no real news text).

/** Wire copy: the Kessa dam story as Meridian Press filed it. */
export const WIRE = [
  "KESSA, Norland (Meridian Press) - Engineers opened the spillway gates of the Kessa dam on Tuesday after three days of heavy rain pushed the reservoir to its highest level in forty years, the Norland Water Authority said.",
  "About 1,800 people living along the lower Orlen river were told to leave their homes as a precaution. Buses took residents of Tallow Ford and Brenmoor to a sports hall in the market town of Skarre.",
  '"The dam is safe, and we intend to keep it that way," said Authority director Halvard Sunde, who spent the night in the control room. "Opening the gates now means a controlled release instead of a crisis later."',
  "The release sent a surge down the valley that covered the river road near Tallow Ford by midday. Police closed the old stone bridge at Brenmoor and diverted traffic through the hill villages.",
  "Farmers on the flood plain said they had moved livestock to higher ground overnight. Ragna Lothe, who keeps sheep near the river, said the water had reached her lower fields by noon but stopped short of the barns.",
  "The Kessa dam, finished in 1968, holds back the largest reservoir in western Norland and supplies drinking water to about 300,000 people. A review last year found that its spillway needed new gate motors, work that is due to start in the autumn.",
  "Forecasters expect the rain to ease by Thursday. The Authority said it would keep the gates open until the reservoir falls at least two metres, which could take a week.",
  "Regional governor Ilse Varro visited the shelter in Skarre on Tuesday evening and promised compensation for damaged crops and fences.",
];

/** The same story by another outlet: same event and names, different reporting. Not a copy. */
export const OTHER_OUTLET = [
  "Residents of Tallow Ford spent Tuesday night on camp beds in Skarre's sports hall, waiting to hear whether the Orlen would spare their homes.",
  "Water managers at the Kessa dam began releasing water early Tuesday, when the reservoir crept within half a metre of its crest after the wettest week anyone in the valley can remember. Halvard Sunde of the Norland Water Authority called the move routine caution.",
  'For the families on the valley floor it did not feel routine. Eirik Dahl, a carpenter, loaded his van with tools and photographs before the police car came down his street. "You don\'t argue with a river," he said.',
  "By the afternoon the brown water had swallowed the riverside footpath and lapped at the churchyard wall in Brenmoor, where volunteers filled sandbags under floodlights.",
  "Critics said the emergency had been years in the making. A local councillor, Mette Aune, pointed to an engineering report that warned in 2023 the spillway gates were overdue for repair, and asked why the work had been postponed twice.",
  "The authority insists the dam itself is sound. Governor Ilse Varro, touring the shelter, said the region would pay for clean-up and that the gate repairs would be brought forward.",
];

/** An unrelated story. */
export const UNRELATED = [
  "The Norland chess championship ended in a draw on Sunday after eleven hours of play in the final game, leaving the title to be decided by a rapid tiebreak next weekend.",
  "Defending champion Lotte Brekke, 19, held a lost-looking endgame against veteran grandmaster Arvid Holm with a rook and two pawns against a rook and bishop.",
  "Organisers said the playoff would be broadcast live from the old exchange building in Varnholt, where the tournament has been held since 1952.",
  'Holm, who first won the title in 1998, said afterwards that he had missed a quiet king move that would have won. "Chess is cruel at two in the morning," he said.',
];

export const join = (paragraphs: readonly string[]): string => paragraphs.join("\n\n");

/** Another unrelated item, kept in the index beside the wire copy as a distractor. */
export const DISTRACTOR = [
  "The Varnholt city council approved a new cycle lane along the harbour front on Monday, after two years of consultation with shop owners and residents.",
  "Work on the two-kilometre lane will begin in March and is expected to cost 4.2 million crowns, the council said, most of it paid from the regional transport fund.",
];

/** A follow-up on the dam story two days later. */
export const FOLLOW_UP = [
  "The Orlen river began to fall on Thursday as the rain eased, and the Norland Water Authority said it would start closing the Kessa dam spillway gates over the weekend.",
  "Residents of Tallow Ford and Brenmoor were allowed home from the shelter in Skarre to inspect flooded cellars and fields. Police reopened the stone bridge at Brenmoor in the afternoon.",
  "Authority director Halvard Sunde said the reservoir had dropped more than a metre since the gates were opened on Tuesday, and that repairs to the gate motors would now begin in the summer.",
  "Governor Ilse Varro said farmers along the river could claim compensation for lost crops from next week.",
];

/** Two more reports on the chess championship. */
export const CHESS_2 = [
  "Arvid Holm said on Monday he would play the rapid tiebreak of the Norland chess championship despite a bad back, setting up a rematch with champion Lotte Brekke in Varnholt.",
  'Brekke, who became the youngest champion in the tournament\'s history last year, has won four of her six rapid games against Holm. The grandmaster said he had studied the endgame he failed to win "every waking hour".',
  "Tickets for the playoff at the old exchange building sold out within an hour, organisers said.",
];
export const CHESS_3 = [
  "Lotte Brekke kept her Norland chess championship title on Saturday, beating Arvid Holm 3-1 in a rapid tiebreak in Varnholt after their classical match ended level.",
  "The 19-year-old won the decisive game with a kingside attack that Holm, the 1998 champion, called the best he had faced in years. Brekke will represent Norland at the world team championship in the autumn.",
];
