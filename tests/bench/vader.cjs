// vader.cjs - VADER sentiment for each file named on the command line,
// one sentence per line, as a tone scorer would run.
const fs = require('fs');
const vader = require('vader-sentiment');
for (const f of process.argv.slice(2)) {
  let compound = 0;
  for (const line of fs.readFileSync(f, 'utf8').split(/\n+/)) {
    if (line.trim()) compound += vader.SentimentIntensityAnalyzer.polarity_scores(line).compound;
  }
  console.log(`${f}: ${compound.toFixed(3)}`);
}
