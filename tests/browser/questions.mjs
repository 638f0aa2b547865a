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
  // A second set, written on 2026-12-07 from the seeds without looking at the search or at the
  // questions above, 8 per programme. 32 of these 40 were answered before the changes made while
  // looking at the misses (question words, synonyms, a compound's parts, endings of words the site
  // does not use, the word "kompetencer" in Skole og dagtilbud), so they are no longer a held-out
  // measure; the README gives the figure of a third set written after those changes.
  // Randers (seed 002): levels 3-5, priority matrix, SWOT, mentor's benefit, stopping, logbook
  // with action plans, time per meeting, the mentee contacts the mentor.
  { site: 'randers', q: 'hvilke lederniveauer kan få en mentor', answers: ['index.html#kort-om-ordningen', 'index.html#hvad-er-det', 'saadan-faar-du-en-mentor.html', 'pejlemaerker.html#sammenhaeng'] },
  { site: 'randers', q: 'hasteopgaver', answers: ['vaerktoejer/prioriteringsmatrix.html'] },
  { site: 'randers', q: 'styrker og svagheder', answers: ['vaerktoejer/swot.html', 'vaerktoejer/lederniveau.html'] },
  { site: 'randers', q: 'hvad får jeg ud af at være mentor', answers: ['saadan-bliver-du-mentor.html#udbytte', 'formaal.html#for-mentoren'] },
  { site: 'randers', q: 'afbryde mentorforløbet', answers: ['forloebet.html#stop-for-tid', 'roller-og-ansvar.html#hr'] },
  { site: 'randers', q: 'handlingsplaner', answers: ['vaerktoejer/logbog.html'] },
  { site: 'randers', q: 'hvor meget tid skal jeg bruge som mentor', answers: ['saadan-bliver-du-mentor.html#opgaven', 'index.html#kort-om-ordningen', 'forloebet.html#moderne'] },
  { site: 'randers', q: 'hvem tager kontakt til mentoren', answers: ['forloebet.html#forste-mode', 'saadan-bliver-du-mentor.html#opgaven', 'saadan-faar-du-en-mentor.html#trin'] },
  // Aalborg (seed 003): deadline 25 May, kick-off 24 August, mentor may pass a mentee on,
  // mentees told when all mentors accepted, HR contact, "Læringsrum for ledere", mentor
  // motivation questions, cross-organisational matching.
  { site: 'aalborg', q: 'hvornår skal jeg senest tilmelde mig', answers: ['index.html#dates-heading', 'index.html#kom-i-gang', 'saadan-faar-du-en-mentor.html#trin', 'saadan-bliver-du-mentor.html#meld-dig'] },
  { site: 'aalborg', q: '24. august', answers: ['index.html#dates-heading', 'index.html#det-videre-forloeb', 'forloebet.html#forste-mode', 'matchning.html#trin'] },
  { site: 'aalborg', q: 'hvad hvis mentoren siger nej', answers: ['matchning.html#trin', 'forloebet.html#matchning'] },
  { site: 'aalborg', q: 'hvornår får jeg besked om hvem min mentor er', answers: ['matchning.html#trin', 'index.html#det-videre-forloeb', 'forloebet.html#matchning'] },
  { site: 'aalborg', q: 'telefonnummer hr', answers: ['index.html#page-contacts-heading'] },
  { site: 'aalborg', q: 'læringsrum', answers: ['index.html'] },
  { site: 'aalborg', q: 'skal man være erfaren leder for at blive mentor', answers: ['saadan-bliver-du-mentor.html#den-rette', 'index.html#mentor'] },
  { site: 'aalborg', q: 'mentor fra en anden afdeling', answers: ['matchning.html#tvaerorganisatorisk', 'forloebet.html#matchning'] },
  // Center for Diplomledelse (seed 001): 2 hours per conversation, the Mentor myth, "guide on
  // the side", HR holds the list of mentors, what to send to become a mentor, career
  // development, the mentee prepares, chemistry.
  { site: 'diplomledelse', q: 'hvor lang tid tager en samtale', answers: ['forloebet.html#moderne', 'index.html#kort-om-ordningen', 'saadan-bliver-du-mentor.html#opgaven', 'saadan-faar-du-en-mentor.html#for-du-soger', 'vaerktoejer/aftale.html#udfyldt'] },
  { site: 'diplomledelse', q: 'hvor kommer ordet mentor fra', answers: ['om-mentoring.html#myten'] },
  { site: 'diplomledelse', q: 'guide on the side', answers: ['om-mentoring.html', 'formaal.html'] },
  { site: 'diplomledelse', q: 'hvor får jeg listen over mentorer', answers: ['saadan-faar-du-en-mentor.html#trin', 'om-mentoring.html#tvaerkommunalt', 'roller-og-ansvar.html#hr', 'forloebet.html#matchning', 'forloebet.html#trin-for-trin', 'index.html#kort-om-ordningen'] },
  { site: 'diplomledelse', q: 'hvilke oplysninger skal jeg sende for at blive mentor', answers: ['saadan-bliver-du-mentor.html#meld-dig', 'saadan-bliver-du-mentor.html#ws-application-mentor-title'] },
  { site: 'diplomledelse', q: 'karriereudvikling', answers: ['om-mentoring.html#udbytte', 'vaerktoejer/forberedelse.html#hvor-begynder-vi', 'saadan-faar-du-en-mentor.html#for-du-soger'] },
  { site: 'diplomledelse', q: 'hvordan forbereder jeg mig til et møde', answers: ['vaerktoejer/forberedelse.html', 'forloebet.html#forberedelse'] },
  { site: 'diplomledelse', q: 'god kemi mellem mentor og mentee', answers: ['forloebet.html#matchning', 'saadan-faar-du-en-mentor.html#trin'] },
  // Skole og dagtilbud (seed 000): about 1 hour a month, a mentor is not a coach, newly hired
  // afdelingsledere/aftaleholdere, mentor competences, training, questions go to S/D-chef or
  // aftaleholder, planning meeting between mentor and chef, recruitment and retention.
  { site: 'skole-og-dagtilbud', q: 'hvor mange timer om måneden', answers: ['forloebet.html#moderne', 'index.html#kort-om-ordningen', 'saadan-bliver-du-mentor.html#opgaven', 'saadan-faar-du-en-mentor.html#for-du-soger'] },
  { site: 'skole-og-dagtilbud', q: 'er mentoren en coach', answers: ['saadan-bliver-du-mentor.html#den-rette', 'saadan-bliver-du-mentor.html#uddannelse'] },
  { site: 'skole-og-dagtilbud', q: 'nyansat afdelingsleder', answers: ['saadan-faar-du-en-mentor.html', 'index.html#kort-om-ordningen'] },
  { site: 'skole-og-dagtilbud', q: 'mentorkompetencer', answers: ['saadan-bliver-du-mentor.html#den-rette'] },
  { site: 'skole-og-dagtilbud', q: 'skal mentorerne have en uddannelse', answers: ['saadan-bliver-du-mentor.html#uddannelse'] },
  { site: 'skole-og-dagtilbud', q: 'hvem skal jeg kontakte med spørgsmål', answers: ['forloebet.html#spoergsmaal', 'roller-og-ansvar.html#hr', 'roller-og-ansvar.html#egen-leder', 'saadan-bliver-du-mentor.html#uddannelse'] },
  { site: 'skole-og-dagtilbud', q: 'planlægningsmøde med chefen', answers: ['saadan-bliver-du-mentor.html#meld-dig', 'forloebet.html#matchning', 'saadan-faar-du-en-mentor.html#trin'] },
  { site: 'skole-og-dagtilbud', q: 'fastholdelse af ledere', answers: ['formaal.html#for-organisationen'] },
  // Grundskoleförvaltningen (seed 004): new (deputy) principals as adepts, the pilot's ten
  // participants, what the mentor gains, the aim (stronger leadership teams), the mentor as
  // sounding board, pedagogical leadership, mentor chosen from the adept's needs and wishes.
  { site: 'grundskoleforvaltningen', q: 'ny som biträdande rektor kan jag få mentor', answers: ['sa-far-du-en-mentor.html', 'index.html#programmet', 'index.html#i-korthet', 'pilot.html#2022'] },
  { site: 'grundskoleforvaltningen', q: 'hur många var med i piloten', answers: ['pilot.html#deltagare'] },
  { site: 'grundskoleforvaltningen', q: 'vad får jag ut av att vara mentor', answers: ['sa-blir-du-mentor.html#vad-du-far', 'syfte.html#for-mentorn'] },
  { site: 'grundskoleforvaltningen', q: 'vad är målet med mentorprogrammet', answers: ['syfte.html', 'index.html#programmet'] },
  { site: 'grundskoleforvaltningen', q: 'bollplank', answers: ['mentorns-roller.html', 'syfte.html#for-mentorn'] },
  { site: 'grundskoleforvaltningen', q: 'starkare ledningsteam', answers: ['index.html#programmet', 'syfte.html#for-organisationen'] },
  { site: 'grundskoleforvaltningen', q: 'stöd som pedagogisk ledare', answers: ['index.html#programmet'] },
  { site: 'grundskoleforvaltningen', q: 'kan jag önska vilken mentor jag får', answers: ['sa-far-du-en-mentor.html#anmalan', 'sa-far-du-en-mentor.html#ws-application-mentee-title', 'forloppet.html#matchning', 'pilot.html#deltagare'] },
  // A third set, written on 2026-12-07 after those changes, again from the seeds without looking
  // at the search or the questions above: 37 of 40 answered, a held-out figure (README). Its
  // three misses were left as they were.
  // --- randers (da) ---
  { site: 'randers', q: 'hvor lang tid tager et møde',
    answers: ['index.html#kort-om-ordningen', 'forloebet.html#moderne', 'saadan-bliver-du-mentor.html#opgaven',
      'saadan-faar-du-en-mentor.html#for-du-soger', 'vaerktoejer/aftale.html#udfyldt'] },
  { site: 'randers', q: 'hvor ofte ses mentor og mentee',
    answers: ['index.html#kort-om-ordningen', 'index.html#hvad-er-det', 'forloebet.html#moderne', 'saadan-bliver-du-mentor.html#opgaven',
      'saadan-faar-du-en-mentor.html#for-du-soger', 'vaerktoejer/aftale.html#udfyldt'] },
  { site: 'randers', q: 'de syv pejlemærker',
    answers: ['pejlemaerker.html', 'index.html#hvad-er-det', 'vaerktoejer/lederniveau.html#metoden'] },
  { site: 'randers', q: 'kan vi afbryde forløbet',
    answers: ['forloebet.html#stop-for-tid', 'roller-og-ansvar.html#hr'] },
  { site: 'randers', q: 'ledere på niveau 5',
    answers: ['index.html#kort-om-ordningen', 'index.html#hvad-er-det', 'saadan-faar-du-en-mentor.html', 'pejlemaerker.html#sammenhaeng'] },
  { site: 'randers', q: 'hvem evaluerer mentorordningen',
    answers: ['roller-og-ansvar.html#hr', 'forloebet.html#evaluering', 'index.html#hvad-er-det', 'vaerktoejer/opsummering-og-evaluering.html#afslutning'] },
  { site: 'randers', q: 'for mange opgaver der haster',
    answers: ['vaerktoejer/prioriteringsmatrix.html'] },
  { site: 'randers', q: 'hvad skal jeg snakke med min chef om inden',
    answers: ['afklaring-med-egen-leder.html'] },

  // --- aalborg (da) ---
  { site: 'aalborg', q: 'tilmeldingsfrist',
    answers: ['index.html#dates-heading', 'saadan-faar-du-en-mentor.html#trin', 'saadan-bliver-du-mentor.html#meld-dig'] },
  { site: 'aalborg', q: 'hvornår er kick-off',
    answers: ['index.html#dates-heading', 'matchning.html#trin', 'forloebet.html#forste-mode'] },
  { site: 'aalborg', q: 'hvad sker der hvis mentoren siger nej',
    answers: ['matchning.html#trin', 'forloebet.html#matchning'] },
  { site: 'aalborg', q: 'telefonnummer til HR',
    answers: ['index.html#page-contacts-heading'] },
  { site: 'aalborg', q: 'hvad sagde deltagerne i pilotprojektet',
    answers: ['erfaringer.html'] },
  { site: 'aalborg', q: 'matchning på tværs af organisationen',
    answers: ['matchning.html#tvaerorganisatorisk', 'forloebet.html#matchning', 'index.html#det-videre-forloeb', 'erfaringer.html#hvad', 'matchning.html'] },
  { site: 'aalborg', q: 'hvornår får jeg at vide hvem min mentor er',
    answers: ['matchning.html#trin', 'forloebet.html#matchning', 'index.html#det-videre-forloeb'] },
  { site: 'aalborg', q: 'hvordan melder jeg mig som mentor',
    answers: ['saadan-bliver-du-mentor.html', 'index.html#mentor', 'index.html#kom-i-gang'] },

  // --- diplomledelse (da) ---
  { site: 'diplomledelse', q: 'hvor mange mentees må en mentor have',
    answers: ['saadan-bliver-du-mentor.html#opgaven', 'saadan-faar-du-en-mentor.html#trin', 'index.html#kort-om-ordningen'] },
  { site: 'diplomledelse', q: 'hvor længe varer en samtale',
    answers: ['index.html#kort-om-ordningen', 'forloebet.html#moderne', 'saadan-bliver-du-mentor.html#opgaven',
      'saadan-faar-du-en-mentor.html#for-du-soger', 'vaerktoejer/aftale.html#udfyldt'] },
  { site: 'diplomledelse', q: 'hvem laver dagsordenen',
    answers: ['roller-og-ansvar.html#mentee', 'forloebet.html#moderne', 'forloebet.html#trin-for-trin', 'saadan-faar-du-en-mentor.html#for-du-soger',
      'saadan-bliver-du-mentor.html#opgaven', 'vaerktoejer/aftale.html#rammerne'] },
  { site: 'diplomledelse', q: 'skriftlig kontrakt',
    answers: ['vaerktoejer/aftale.html', 'saadan-faar-du-en-mentor.html#trin'] },
  { site: 'diplomledelse', q: 'hvem har listen over mentorer',
    answers: ['saadan-faar-du-en-mentor.html#trin', 'om-mentoring.html#tvaerkommunalt', 'roller-og-ansvar.html#hr', 'forloebet.html#matchning',
      'forloebet.html#trin-for-trin', 'index.html#kort-om-ordningen'] },
  { site: 'diplomledelse', q: 'hvor kommer ordet mentor fra',
    answers: ['om-mentoring.html#myten'] },
  { site: 'diplomledelse', q: 'hvordan søger jeg om at blive mentor',
    answers: ['saadan-bliver-du-mentor.html'] },
  { site: 'diplomledelse', q: 'mødes vi hver måned',
    answers: ['index.html#kort-om-ordningen', 'forloebet.html#moderne', 'saadan-bliver-du-mentor.html#opgaven',
      'saadan-faar-du-en-mentor.html#for-du-soger', 'vaerktoejer/aftale.html#udfyldt'] },

  // --- skole-og-dagtilbud (da) ---
  { site: 'skole-og-dagtilbud', q: 'hvem tager initiativ til første møde',
    answers: ['forloebet.html#forste-mode', 'forloebet.html#trin-for-trin', 'saadan-faar-du-en-mentor.html#trin', 'saadan-bliver-du-mentor.html#opgaven'] },
  { site: 'skole-og-dagtilbud', q: 'tavshedspligt',
    answers: ['forloebet.html#fortrolighed', 'roller-og-ansvar.html#mentor', 'afklaring-med-egen-leder.html#fortroligheden'] },
  { site: 'skole-og-dagtilbud', q: 'må min mentor sidde i mit ledelsesteam',
    answers: ['forloebet.html#matchning', 'saadan-bliver-du-mentor.html#den-rette', 'saadan-faar-du-en-mentor.html#trin'] },
  { site: 'skole-og-dagtilbud', q: 'evalueringsmøde med aftaleholder',
    answers: ['forloebet.html#evaluering', 'roller-og-ansvar.html#egen-leder', 'afklaring-med-egen-leder.html#til-lederen',
      'vaerktoejer/opsummering-og-evaluering.html#afslutning'] },
  { site: 'skole-og-dagtilbud', q: 'hvor meget tid skal man bruge om måneden',
    answers: ['index.html#kort-om-ordningen', 'forloebet.html#moderne', 'saadan-bliver-du-mentor.html#opgaven',
      'saadan-faar-du-en-mentor.html#for-du-soger', 'vaerktoejer/aftale.html#udfyldt'] },
  { site: 'skole-og-dagtilbud', q: 'er min chef stadig min leder når jeg har en mentor',
    answers: ['roller-og-ansvar.html#egen-leder', 'afklaring-med-egen-leder.html#derfor', 'saadan-bliver-du-mentor.html#meld-dig'] },
  { site: 'skole-og-dagtilbud', q: 'jeg er ny afdelingsleder kan jeg få en mentor',
    answers: ['saadan-faar-du-en-mentor.html', 'index.html#kort-om-ordningen'] },
  { site: 'skole-og-dagtilbud', q: 'fastholdelse af ledere',
    answers: ['formaal.html#for-organisationen'] },

  // --- grundskoleforvaltningen (sv) ---
  { site: 'grundskoleforvaltningen', q: 'utbildning för mentorer',
    answers: ['sa-blir-du-mentor.html#utbildning', 'roller-och-ansvar.html#mentor', 'index.html#i-korthet', 'mentorns-roller.html#gemensamt-sprak'] },
  { site: 'grundskoleforvaltningen', q: 'vad är en adept',
    answers: ['index.html#programmet', 'roller-och-ansvar.html#adept'] },
  { site: 'grundskoleforvaltningen', q: 'när startade mentorprogrammet',
    answers: ['pilot.html', 'index.html#programmet'] },
  { site: 'grundskoleforvaltningen', q: 'hur många rektorer var med i piloten',
    answers: ['pilot.html#deltagare'] },
  { site: 'grundskoleforvaltningen', q: 'jag är ny biträdande rektor, kan jag få en mentor?',
    answers: ['sa-far-du-en-mentor.html', 'index.html#programmet', 'index.html#i-korthet', 'pilot.html#2022'] },
  { site: 'grundskoleforvaltningen', q: 'hur ofta ses man',
    answers: ['forloppet.html#motena', 'forloppet.html#forsta-motet', 'index.html#i-korthet', 'sa-blir-du-mentor.html#uppdraget',
      'verktyg/overenskommelse.html#forifyllt'] },
  { site: 'grundskoleforvaltningen', q: 'tystnadsplikt',
    answers: ['forloppet.html#fortroende', 'verktyg/overenskommelse.html#ramarna', 'roller-och-ansvar.html#adept', 'samtal-med-din-chef.html#fortroendet'] },
];

/** Whether a result link (relative to the site's front page) is one of the answers. */
export function answers(question, href) {
  const [page] = href.split('#');
  return question.answers.some((a) => (a.includes('#') ? a === href : a === page));
}
