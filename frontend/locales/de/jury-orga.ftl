## Jury: the organisers' pages (rounds, criteria, jurors, assignments, ranking, confirmation, results)
