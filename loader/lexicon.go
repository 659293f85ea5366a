package loader

// Generic word lists. None of them names a body: they are the head nouns,
// titles and closed-class words any report on UK councils' work may use.

// orgHeads end (or stand inside) the names of organisations.
var orgHeads = map[string]bool{
	"trust": true, "foundation": true, "society": true, "network": true, "association": true, "partnership": true,
	"service": true, "services": true, "group": true, "alliance": true, "forum": true, "ccg": true, "nhs": true,
	"university": true, "college": true, "school": true, "academy": true, "church": true, "mosque": true,
	"temple": true, "synagogue": true, "gurdwara": true, "bank": true, "ltd": true, "limited": true, "plc": true,
	"cic": true, "llp": true, "collective": true, "centre": true, "center": true, "foodbank": true, "hospice": true,
	"agency": true, "commission": true, "police": true, "constabulary": true, "executive": true, "government": true,
	"department": true, "ministry": true, "institute": true, "club": true, "union": true, "bureau": true,
	"charity": true, "cooperative": true, "co-operative": true, "consortium": true, "gateway": true, "hospital": true,
	"clinic": true, "practice": true, "board": true, "authority": true, "office": true, "company": true,
	"enterprises": true, "industries": true, "bakery": true, "supermarket": true, "housing": true, "homes": true,
	"action": true, "advice": true, "diocese": true, "parliament": true, "corporation": true, "federation": true,
	"council": true, "cvs": true, "uk": true, "aid": true, "rescue": true, "brigade": true, "army": true,
	"hub": true, "hubs": true, "clinical": true,
}

// initiativeHeads end the names of schemes, funds and other things set up
// in a case study, which are initiatives rather than organisations.
var initiativeHeads = map[string]bool{
	"hub": true, "fund": true, "scheme": true, "programme": true, "program": true, "project": true,
	"campaign": true, "charter": true, "strategy": true, "plan": true, "pack": true, "app": true, "website": true,
	"appeal": true, "pledge": true, "initiative": true, "force": true, "champions": true, "portal": true,
	"helpline": true, "service": true, "framework": true, "review": true, "award": true, "awards": true,
	"commission": true, "pantry": true, "cupboard": true, "bank": true,
}

// thingHeads end the names of documents, schemes and websites: "Response
// Plans". Unlike "Fund", "Bank" or "Service" they never end a body's name.
var thingHeads = map[string]bool{
	"plan": true, "plans": true, "strategy": true, "strategies": true, "scheme": true, "schemes": true,
	"programme": true, "programmes": true, "campaign": true, "campaigns": true, "charter": true, "pledge": true,
	"website": true, "app": true, "portal": true, "framework": true, "project": true, "projects": true,
	"initiative": true, "initiatives": true, "protocol": true, "guidance": true, "policy": true,
}

// peopleHeads end phrases that name people in some role, not a body:
// "eight Town Councillors", "Local Authorities" in general.
var peopleHeads = map[string]bool{
	"councillors": true, "authorities": true, "officers": true, "volunteers": true, "residents": true,
	"staff": true, "workers": true, "members": true, "leaders": true, "ministers": true,
}

// notOrganisations are capitalised words that name tools, places of no
// organisational standing, or nothing in particular.
var notOrganisations = map[string]bool{
	"zoom": true, "whatsapp": true, "skype": true, "facebook": true, "twitter": true, "instagram": true,
	"youtube": true, "teams": true, "microsoft teams": true, "google": true, "ipad": true, "ipads": true,
	"covid": true, "covid-19": true, "coronavirus": true, "lockdown": true, "ppe": true, "uk": true, "gp": true,
	"gps": true, "england": true, "scotland": true, "wales": true, "northern ireland": true, "britain": true,
	"great britain": true, "united kingdom": true, "europe": true, "council": true, "councils": true,
	"government": true, "the government": true, "local government": true, "nhs": true, "the nhs": true,
	"mutual aid": false, "community": true, "communities": true, "volunteers": true, "residents": true,
	"partners": true, "charities": true, "businesses": true, "leader": true, "mayor": true, "chair": true,
	"chief executive": true, "monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true, "january": true, "february": true, "march": true,
	"april": true, "may": true, "june": true, "july": true, "august": true, "september": true,
	"october": true, "november": true, "december": true, "christmas": true, "easter": true, "ramadan": true,
	"eid": true, "dbs": true, "bame": true, "lgbt": true, "vcs": true, "vcse": true, "cv": true,
	"the council": true, "county council": true, "district council": true, "city council": true,
	"borough council": true, "town council": true, "parish council": true, "cabinet": true,
}

// personTitles open a person's name.
var personTitles = map[string]bool{"cllr": true, "councillor": true, "mr": true, "mrs": true, "ms": true,
	"miss": true, "dr": true, "sir": true, "dame": true, "lord": true, "lady": true, "professor": true,
	"prof": true, "rev": true, "reverend": true, "father": true, "imam": true, "rabbi": true, "bishop": true,
	"mp": true, "msp": true, "mla": true, "mep": true}

// personRoles, just before a name, say that the name is a person's.
var personRoles = map[string]bool{"player": true, "icon": true, "footballer": true, "actor": true, "actress": true,
	"legend": true, "singer": true, "chef": true, "presenter": true, "mayor": true, "leader": true, "officer": true,
	"manager": true, "director": true, "minister": true, "secretary": true, "councillor": true, "cllr": true,
	"resident": true, "volunteer": true, "star": true, "author": true, "artist": true, "comedian": true,
	"musician": true, "athlete": true, "olympian": true, "broadcaster": true, "chair": true, "chairman": true,
	"chairwoman": true, "ceo": true, "founder": true, "head": true, "headteacher": true, "nurse": true,
	"doctor": true, "pupil": true, "student": true, "councillors": true}

// firstNames are common given names; a two- or three-word capitalised span
// that starts with one and has no organisation head noun is a person.
var firstNames = toSet(`adam alan alex alice alison amanda amy andrew andy angela ann anna anne anthony barbara ben
benjamin beth bill bob brian carol caroline catherine charles charlie charlotte chris christine christopher claire
clare colin craig daniel david dawn debbie deborah dennis diane donna dylan edward elaine eleanor elizabeth emily
emma eric fiona frank gary gavin geoff george gillian graham hannah harry heather helen ian jack jackie james jane
janet jason jean jennifer jenny jessica jill jim joan joanne joe john jon jonathan joseph julia julie karen
kate katherine kathryn katie kelly kevin kim laura lee lesley linda lisa liz louise lucy luke lynn margaret maria
mark martin mary matthew maureen michael michelle mike natalie neil nicholas nick nicola nicole nigel oliver pam
pat patricia paul pauline peter phil philip rachel rebecca richard rob robert roger ruth ryan sally sam samantha
sandra sarah scott sean sharon simon sophie stephen steve steven stuart sue susan thomas tim tom tony tracey
victoria wendy william zoe aaron abigail adrian agnes aidan aileen alastair albert alexander alexandra alfie
alfred alistair allan alun amelia amir andrea angus anita annette annie antony archie arthur ashley audrey
austin barry beatrice becky bernard bethan beverley billy bradley brenda bridget bruce bryn callum calum
cameron carl carla carole caroline carys cath cathy cerys charlie chloe christian ciaran clara claudia clive
connor conor cynthia dafydd daisy damian damien dan danielle danny darren dave davina dean declan denise derek
diana dominic dorothy doug douglas duncan eamon eddie eileen elaine eleri elena eliza ella ellen ellie elliot
elsie emlyn ernest esther ethan evelyn felix fergus finlay fraser freya gail gareth gemma geoffrey georgia
georgina gerald gerard gethin gina gordon greg gregory gwen gwyn harriet harvey hayley heidi henry hilary
howard huw iain imogen irene isaac isabel isabella isla ivan jacob jake jamie janice jasmine jeff jeffrey
jeremy jessie joan jodie joel johnny jordan josh joshua joyce judith judy justin kamal karl kathleen kay keith
ken kenneth kerry kieran kirsty kyle lauren lawrence leah leanne leigh leo leon leonard lewis liam lindsay
lindsey lorna lorraine louis lydia lynne maggie malcolm mandy marcus margo marian marie marion marjorie marsha
martha martyn matt maurice megan melanie melissa meryl mia michele millie miriam mohammed mohammad molly
muhammad murray nadia naomi nathan neville niall nina noah norman olivia owen paddy pamela patrick peggy
phillip phoebe phyllis priya rachael raj ralph raymond rebekah reece rhian rhys ricky rita robbie robin rodney
ronald rosemary ross roy russell sadie sally sanjay sara sasha shane sheila shirley sian sonia stacey stella
steph stephanie susie suzanne sylvia tamsin tanya tara teresa terry theo theresa tina toby tommy tracy trevor
tristan valerie vanessa vera vicky vincent vivian wayne yasmin yvonne zach zara`)

func toSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range splitWords(words) {
		m[w] = true
	}
	return m
}

func splitWords(s string) []string {
	var out []string
	cur := ""
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\t' {
			if cur != "" {
				out = append(out, cur)
				cur = ""
			}
			continue
		}
		cur += string(r)
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}
