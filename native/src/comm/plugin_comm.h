// Communicators implemented by plugins (deeprc_comm_plugin.h): loading the plugin libraries and
// wrapping a plugin's vtable + instance as a Communicator.
#pragma once
#include <memory>
#include <string>

#include "comm/communicator.h"
#include "deeprc/deeprc_comm_plugin.h"

namespace deeprc::comm {

// dlopen()s libdeeprc_<name>.so once per process (RTLD_NOW | RTLD_GLOBAL: MPI libraries load
// their own components and need their symbols global) from $DEEPRC_PLUGIN_DIR, else the
// directory of libdeeprc.so / the executable containing the core, and returns the address of
// `symbol`. Throws NotFound naming the file, the directories tried and dlerror().
void* plugin_symbol(const std::string& name, const char* symbol);

// Takes ownership of a plugin instance. Checks the vtable's abi_version / struct_size
// (Unsupported on mismatch, naming both versions).
std::unique_ptr<Communicator> wrap_plugin(const drc_comm_vtable* vtable, void* self);

// Converts a plugin's non-zero return into a deeprc::Error with the plugin's message.
[[noreturn]] void throw_plugin_error(int32_t code, const drc_plugin_error& err, const char* what);

}  // namespace deeprc::comm
