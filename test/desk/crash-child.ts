// Child process for the crash test: ingests fictional articles one at a time into an on-disk store and
// prints each article id on stdout once its transaction has committed (the acknowledgement).
import { Desk } from "../../src/desk/desk.ts";
import { articleId } from "../../src/model/ids.ts";
import { openStore } from "../../src/store/index.ts";

const [dataDir, countArg] = process.argv.slice(2);
const store = await openStore({ dataDir });
const desk = await Desk.open({ store });
const towns = ["Brenmoor", "Lisk", "Orlen", "Skellan", "Varn"];
for (let i = 0; i < Number(countArg); i++) {
  const town = towns[i % towns.length];
  const text = `${town} council approved a new flood barrier on the river on Tuesday, report ${i} says. The barrier will cost ${10 + i} million crowns and protect about ${1000 + i * 7} homes in ${town}.\n\nCouncil leader Ada Kell said work would start in the spring. Residents of ${town} have asked for a barrier since the floods of last year.`;
  await desk.ingest([{ id: articleId({ text }), text, title: `${town} flood barrier approved (${i})` }]);
  process.stdout.write(`${articleId({ text })}\n`);
}
await desk.refresh();
await store.close();
