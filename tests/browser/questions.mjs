// The judged question set (issue 14): questions a participant of each example programme asks,
// written from the programmes' source documents (../shared/seeds), not from the search index,
// each with the places that answer it. An answer is `page.html#section` (that section) or
// `page.html` (any section of the page). A question is answered when one of its answers is among
// the first three results, searching from the site's front page.

export const QUESTIONS = [
  // Randers (seed 002): a year, about every second month, 1½ hours, the seven pejlemærker,
  // stop at any time via HR, evaluation after every meeting, questions for one's own leader.
  { site: 'randers', q: 'hvor ofte mødes vi', answers: ['forloebet.html#moderne'] },
  { site: 'randers', q: 'hvor lang tid varer et møde', answers: ['forloebet.html#moderne'] },
  { site: 'randers', q: 'hvad er pejlemærkerne', answers: ['pejlemaerker.html'] },
  { site: 'randers', q: 'kan vi stoppe før tid', answers: ['forloebet.html#stop-for-tid'] },
  { site: 'randers', q: 'hvad skal jeg tale med min leder om', answers: ['afklaring-med-egen-leder.html'] },
  { site: 'randers', q: 'tavshedspligt', answers: ['forloebet.html#fortrolighed', 'afklaring-med-egen-leder.html#fortroligheden', 'vaerktoejer/logbog.html#fortrolig'] },
  { site: 'randers', q: 'swot analyse', answers: ['vaerktoejer/swot.html'] },
  { site: 'randers', q: 'hvordan skriver jeg mit ledelsesgrundlag', answers: ['vaerktoejer/ledelsesgrundlag.html'] },
  { site: 'randers', q: 'mentorens roller', answers: ['mentorens-roller.html'] },
  { site: 'randers', q: 'hvordan bliver jeg mentor', answers: ['saadan-bliver-du-mentor.html'] },
  { site: 'randers', q: 'evaluering efter hvert møde', answers: ['vaerktoejer/opsummering-og-evaluering.html#hvert-moede', 'forloebet.html#evaluering'] },
  { site: 'randers', q: 'logbog', answers: ['vaerktoejer/logbog.html'] },
  { site: 'randers', q: 'prioritere mine opgaver', answers: ['vaerktoejer/prioriteringsmatrix.html'] },
  { site: 'randers', q: 'hvem kan få en mentor', answers: ['saadan-faar-du-en-mentor.html', 'index.html#kort-om-ordningen'] },
  // Aalborg (seed 003): a call for mentees and mentors with a sign-up deadline, matching from
  // information forms across the organisation, a joint kick-off, a contact in HR, pilot quotes.
  { site: 'aalborg', q: 'tilmeldingsfrist', answers: ['index.html'] },
  { site: 'aalborg', q: 'hvornår er kick-off', answers: ['index.html#dates-heading', 'forloebet.html'] },
  { site: 'aalborg', q: 'hvordan bliver vi matchet', answers: ['matchning.html'] },
  { site: 'aalborg', q: 'hvad hvis kemien ikke passer', answers: ['matchning.html#kemi'] },
  { site: 'aalborg', q: 'tværorganisatorisk', answers: ['matchning.html#tvaerorganisatorisk'] },
  { site: 'aalborg', q: 'hvad siger deltagerne fra pilotprojektet', answers: ['erfaringer.html'] },
  { site: 'aalborg', q: 'hvem er kontaktperson', answers: ['index.html#page-contacts-heading'] },
  { site: 'aalborg', q: 'oplysningsskema til mentorer', answers: ['saadan-bliver-du-mentor.html'] },
  { site: 'aalborg', q: 'hvorfor vil jeg have en mentor', answers: ['saadan-faar-du-en-mentor.html'] },
  { site: 'aalborg', q: 'kontrakt', answers: ['vaerktoejer/aftale.html'] },
  // Center for Diplomledelse (seed 001): two-hour conversations every one or two months, at most
  // two mentees per mentor, the mentee owns the agenda, a written agreement, a cross-municipal
  // corps, how to get a mentor and how to become one.
  { site: 'diplomledelse', q: 'hvor mange mentees kan en mentor have', answers: ['index.html#kort-om-ordningen', 'saadan-faar-du-en-mentor.html#trin', 'saadan-bliver-du-mentor.html'] },
  { site: 'diplomledelse', q: 'hvem sætter dagsordenen', answers: ['forloebet.html#moderne', 'roller-og-ansvar.html#mentee', 'vaerktoejer/aftale.html'] },
  { site: 'diplomledelse', q: 'skriftlig aftale', answers: ['vaerktoejer/aftale.html'] },
  { site: 'diplomledelse', q: 'hvad er mentoring', answers: ['om-mentoring.html'] },
  { site: 'diplomledelse', q: 'hvad er mentoring ikke', answers: ['om-mentoring.html#ikke'] },
  { site: 'diplomledelse', q: 'hvordan får jeg en mentor', answers: ['saadan-faar-du-en-mentor.html'] },
  { site: 'diplomledelse', q: 'mentor på tværs af kommuner', answers: ['om-mentoring.html#tvaerkommunalt'] },
  { site: 'diplomledelse', q: 'hvor tit skal vi mødes', answers: ['forloebet.html#moderne'] },
  // Skole og dagtilbud (seed 000): the mentor takes the initiative to the first meeting, the
  // conversations are confidential, the chef or aftaleholder stays the daily manager and holds
  // the evaluation meeting.
  { site: 'skole-og-dagtilbud', q: 'hvem tager kontakt til det første møde', answers: ['forloebet.html#forste-mode'] },
  { site: 'skole-og-dagtilbud', q: 'er samtalerne fortrolige', answers: ['forloebet.html#fortrolighed', 'afklaring-med-egen-leder.html#fortroligheden'] },
  { site: 'skole-og-dagtilbud', q: 'aftaleholderens rolle', answers: ['roller-og-ansvar.html#egen-leder'] },
  { site: 'skole-og-dagtilbud', q: 'evalueringsmøde', answers: ['forloebet.html#evaluering', 'vaerktoejer/opsummering-og-evaluering.html#afslutning'] },
  { site: 'skole-og-dagtilbud', q: 'hvor længe varer forløbet', answers: ['forloebet.html', 'index.html#kort-om-ordningen'] },
  { site: 'skole-og-dagtilbud', q: 'kan min mentor være fra mit eget ledelsesteam', answers: ['forloebet.html#matchning', 'saadan-faar-du-en-mentor.html'] },
  // Grundskoleförvaltningen (seed 004): adepts, experienced heads as mentors, a half-day training
  // in a coaching approach, a pilot in autumn 2021, more adepts from spring 2022.
  { site: 'grundskoleforvaltningen', q: 'hur ofta träffas vi', answers: ['forloppet.html#motena'] },
  { site: 'grundskoleforvaltningen', q: 'tystnadsplikt', answers: ['forloppet.html#fortroende', 'samtal-med-din-chef.html#fortroendet'] },
  { site: 'grundskoleforvaltningen', q: 'vad är en adept', answers: ['roller-och-ansvar.html#adept'] },
  { site: 'grundskoleforvaltningen', q: 'vilken utbildning får mentorerna', answers: ['sa-blir-du-mentor.html#utbildning'] },
  { site: 'grundskoleforvaltningen', q: 'pilotprojektet', answers: ['pilot.html'] },
  { site: 'grundskoleforvaltningen', q: 'vem kan bli mentor', answers: ['sa-blir-du-mentor.html#vem-kan-bli-mentor'] },
  { site: 'grundskoleforvaltningen', q: 'kan vi sluta i förtid', answers: ['forloppet.html#avsluta-i-fortid'] },
  { site: 'grundskoleforvaltningen', q: 'vad ska jag prata med min chef om', answers: ['samtal-med-din-chef.html'] },
  { site: 'grundskoleforvaltningen', q: 'ledarskapsdeklaration', answers: ['verktyg/ledarskapsdeklaration.html'] },
  { site: 'grundskoleforvaltningen', q: 'hur får jag en mentor', answers: ['sa-far-du-en-mentor.html'] },
  { site: 'grundskoleforvaltningen', q: 'kontrakt', answers: ['verktyg/overenskommelse.html'] },
  { site: 'grundskoleforvaltningen', q: 'utvärdering av mentorskapet', answers: ['forloppet.html#utvardering', 'verktyg/sammanfattning-och-utvardering.html'] },
  { site: 'grundskoleforvaltningen', q: 'loggbok', answers: ['verktyg/loggbok.html'] },
  { site: 'grundskoleforvaltningen', q: 'när kan fler adepter vara med', answers: ['pilot.html#2022'] },
  { site: 'grundskoleforvaltningen', q: 'coachande förhållningssätt', answers: ['sa-blir-du-mentor.html', 'mentorns-roller.html', 'roller-och-ansvar.html#mentor'] },
  { site: 'grundskoleforvaltningen', q: 'vad gör mentorn', answers: ['roller-och-ansvar.html#mentor', 'mentorns-roller.html'] },
  { site: 'grundskoleforvaltningen', q: 'hur matchas vi', answers: ['forloppet.html#matchning'] },
  { site: 'grundskoleforvaltningen', q: 'första mötet', answers: ['forloppet.html#forsta-motet'] },
];

/** Whether a result link (relative to the site's front page) is one of the answers. */
export function answers(question, href) {
  const [page] = href.split('#');
  return question.answers.some((a) => (a.includes('#') ? a === href : a === page));
}
