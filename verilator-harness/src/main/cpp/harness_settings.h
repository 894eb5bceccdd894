// The director harness's run-time settings by name: the table generated into director_settings.h (from
// director.harness.HarnessSetting) and the reader of the "name=value" lines dir_model_create takes. Apart from
// the harness so that a test compiles it alone (director.tb.sim.HarnessHeadersTest).
#pragma once
#include "director_settings.h"
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

// The run-time settings (director_settings.h, generated from director.harness.HarnessSetting), by index inside
// this file only: callers name them ("name=value" lines), so no position is shared with anyone.
enum SimCfg {
#define DIR_SETTING_INDEX(id, name, required, def, choices) CFG_##id,
    DIR_FOR_EACH_SETTING(DIR_SETTING_INDEX)
#undef DIR_SETTING_INDEX
    CFG_COUNT
};
struct SettingInfo { const char* name; bool required; int64_t def; const char* choices; };
static const SettingInfo kSettings[CFG_COUNT] = {
#define DIR_SETTING_INFO(id, name, required, def, choices) {name, required != 0, def, choices},
    DIR_FOR_EACH_SETTING(DIR_SETTING_INFO)
#undef DIR_SETTING_INFO
};

// Reads "name=value" lines into cfg (every setting not given keeps its default); "" or an error naming the setting.
static std::string parseSettings(const char* text, int64_t* cfg) {
    bool given[CFG_COUNT] = {false};
    for (int i = 0; i < CFG_COUNT; i++) cfg[i] = kSettings[i].def;
    std::istringstream in(text ? text : "");
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        size_t eq = line.find('=');
        std::string name = line.substr(0, eq), value = eq == std::string::npos ? "" : line.substr(eq + 1);
        int k = 0;
        while (k < CFG_COUNT && name != kSettings[k].name) k++;
        if (k == CFG_COUNT) {
            std::string known;
            for (int i = 0; i < CFG_COUNT; i++) known += std::string(i ? ", " : "") + kSettings[i].name;
            return "unknown harness setting '" + name + "' (known: " + known + ")";
        }
        if (eq == std::string::npos) return "harness setting '" + name + "' has no value (expected " + name + "=value)";
        if (given[k]) return "harness setting '" + name + "' given twice";
        given[k] = true;
        std::string choices = kSettings[k].choices;
        if (!choices.empty()) {
            // a setting with choices takes one of them by name; the harness uses its position (DIR_<ID>_<CHOICE>)
            std::istringstream names(choices);
            std::string c;
            int index = -1;
            for (int i = 0; index < 0 && std::getline(names, c, '|'); i++)
                if (c == value) index = i;
            if (index < 0) return "harness setting '" + name + "': '" + value + "' is not one of " + choices;
            cfg[k] = index;
        } else {
            char* end = nullptr;
            errno = 0;
            long long v = std::strtoll(value.c_str(), &end, 10);
            if (value.empty() || *end != 0 || errno != 0) return "harness setting '" + name + "': '" + value + "' is not an integer";
            cfg[k] = v;
        }
    }
    for (int i = 0; i < CFG_COUNT; i++)
        if (kSettings[i].required && !given[i]) return std::string("harness setting '") + kSettings[i].name + "' is required";
    return "";
}
