# The tone's phrase table (src/tone.c) is compiled by the build: the
# generator runs tone.c's own builder and prints the table as C, and tone.o
# is compiled with it as read-only data (src/gen/tone_tables.c says why).
TONE_GEN    = $(BUILD)/gen/tone-tables
TONE_TABLES = $(BUILD)/gen/tone_tables.h

$(TONE_GEN): src/gen/tone_tables.c src/tone.c $(wildcard src/*.h)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Wno-unused $< $(LIBS) -o $@

$(TONE_TABLES): $(TONE_GEN)
	$(TONE_GEN) > $@.tmp && mv $@.tmp $@

$(BUILD)/obj/tone.o: $(TONE_TABLES)
# private: the generator, a prerequisite, must not inherit it
$(BUILD)/obj/tone.o: private ALL_CFLAGS += -DTONE_TABLES -I$(BUILD)/gen
